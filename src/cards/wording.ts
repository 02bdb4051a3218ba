// Labels for domain values, one mapping each. A Record over a union is as exhaustive as a
// switch: a new platform or state without wording is a compile error here.
import type { PlatformKind } from '../intune/device';
import type { RequestState } from '../reset/request';
import { t, type Locale, type PlainKey } from '../i18n';

const PLATFORM: Record<PlatformKind, PlainKey> = {
  ios: 'platform.ios',
  ipados: 'platform.ipados',
  'android-work-profile': 'platform.androidWorkProfile',
  'android-corporate-work-profile': 'platform.androidCorporateWorkProfile',
  'android-fully-managed': 'platform.androidFullyManaged',
  'android-dedicated': 'platform.androidDedicated',
  'android-aosp': 'platform.androidAosp',
  'android-device-admin': 'platform.androidDeviceAdmin',
  'android-unknown': 'platform.androidUnknown',
  windows: 'platform.windows',
  'windows-mobile': 'platform.windowsMobile',
  macos: 'platform.macos',
  linux: 'platform.linux',
  chromeos: 'platform.chromeos',
  unknown: 'platform.unknown',
};

const STATE: Record<RequestState, PlainKey> = {
  awaiting_confirmation: 'state.awaitingConfirmation',
  awaiting_approval: 'state.awaitingApproval',
  approved: 'state.approved',
  executing: 'state.executing',
  succeeded: 'state.succeeded',
  failed: 'state.failed',
  rejected: 'state.rejected',
  cancelled: 'state.cancelled',
  expired: 'state.expired',
};

export function platformLabel(locale: Locale, platform: PlatformKind): string {
  return t(locale, PLATFORM[platform]);
}

export function stateWords(locale: Locale, state: RequestState): string {
  return t(locale, STATE[state]);
}

/** Apple devices: the one Graph action removes the passcode there instead of issuing a new one. */
export function isApple(platform: PlatformKind): boolean {
  return platform === 'ios' || platform === 'ipados';
}
