// Every screen in every variant worth rendering, built from complete lists of the domain unions
// (Records, so a new reason or state without a sample is a compile error here too).
import type { OfferedAction, PlatformKind, RefuseReason } from '../../../src/intune/device';
import type { ProblemKind, Problem } from '../../../src/reset/problems';
import type { FailureReason, RequestState } from '../../../src/reset/request';
import * as cards from '../../../src/cards';
import type { Locale } from '../../../src/i18n';
import { approvalFlowCards } from './approval-variants';
import { recoveryKeyApprovalCards } from './recovery-key-approval-variants';
import { recoveryKeyCards } from './recovery-key-variants';
import { managedDevice, NOW, request, snapshot, workProfileRequest } from './samples';

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

export const REFUSE_REASONS = keysOf<RefuseReason>({
  notPrimaryUser: 0, noPrimaryUser: 0, userEnrollment: 0, sharedIpad: 0, wipePending: 0,
  retirePending: 0, androidAdminTooNew: 0, macosNoReset: 0, androidKindUnknown: 0, unsupportedPlatform: 0,
});

export const REQUEST_STATES = keysOf<RequestState>({
  awaiting_confirmation: 0, awaiting_approval: 0, approved: 0, executing: 0,
  succeeded: 0, failed: 0, rejected: 0, cancelled: 0, expired: 0,
});

export const FAILURE_REASONS = keysOf<FailureReason>({
  deviceNotOwned: 0, deviceGone: 0, deviceNoLongerEligible: 0, actionFailed: 0, actionNotSupported: 0,
  actionCanceled: 0, actionNotConfirmed: 0, timedOut: 0, graphPermissionMissing: 0, graphUnavailable: 0,
});

export const PLATFORMS = keysOf<PlatformKind>({
  ios: 0, ipados: 0, 'android-work-profile': 0, 'android-corporate-work-profile': 0, 'android-fully-managed': 0,
  'android-dedicated': 0, 'android-aosp': 0, 'android-device-admin': 0, 'android-unknown': 0, windows: 0, 'windows-mobile': 0,
  macos: 0, linux: 0, chromeos: 0, unknown: 0,
});

const PROBLEMS: Record<ProblemKind, Problem> = {
  tenantNotAllowed: { kind: 'tenantNotAllowed' },
  missingIdentity: { kind: 'missingIdentity' },
  personalChatOnly: { kind: 'personalChatOnly' },
  requestNotFound: { kind: 'requestNotFound' },
  notYourRequest: { kind: 'notYourRequest' },
  requestClosed: { kind: 'requestClosed', state: 'succeeded' },
  deviceNotFound: { kind: 'deviceNotFound' },
  deviceHasOpenRequest: { kind: 'deviceHasOpenRequest' },
  graphPermissionMissing: { kind: 'graphPermissionMissing', permission: 'DeviceManagementManagedDevices.PrivilegedOperations.All' },
  graphUnavailable: { kind: 'graphUnavailable' },
  invalidAction: { kind: 'invalidAction' },
  tooManyRequests: { kind: 'tooManyRequests', limit: 3, retryAt: '2026-03-16T09:00:00.000Z' },
  slowDown: { kind: 'slowDown', limit: 10 },
};
export const ALL_PROBLEMS = Object.values(PROBLEMS);

/** The offer pairs the platform matrix makes. */
export const OFFERS: ReadonlyArray<readonly [OfferedAction, PlatformKind]> = [
  ['removePasscode', 'ios'],
  ['removePasscode', 'ipados'],
  ['resetWorkProfilePasscode', 'android-work-profile'],
  ['resetWorkProfilePasscode', 'android-corporate-work-profile'],
  ['resetPasscode', 'android-fully-managed'],
  ['resetPasscode', 'android-dedicated'],
  ['resetPasscode', 'android-aosp'],
  ['resetPasscode', 'android-device-admin'],
  ['resetPasscode', 'android-unknown'],
  ['resetPasscode', 'windows-mobile'],
];

/** A screen's name and how to render it: built inside a test, so a throwing builder fails only that test. */
export type Rendered = readonly [name: string, render: () => cards.AdaptiveCard];

export function everyCard(locale: Locale): Rendered[] {
  return [
    ['help', () => cards.helpCard(locale)],
    ['no devices', () => cards.noDevicesCard(locale)],
    ['personal chat only', () => cards.personalChatOnlyCard(locale, 'https://teams.microsoft.com/l/chat/0/0?users=28:app')],
    ['which password', () => cards.whichPasswordCard(locale)],
    ['account password', () => cards.accountPasswordCard(locale, 'https://aka.ms/sspr')],
    ['device picker', () => cards.devicePickerCard(locale, pickerDevices(), NOW)],
    ['device picker without devices', () => cards.devicePickerCard(locale, [], NOW)],
    ...OFFERS.flatMap(([action, platform]): Rendered[] => [
      [`offer ${action} ${platform}`, () => cards.offerCard(locale, request({ action, device: snapshot(platform) }), 3)],
      [`stale offer ${action} ${platform}`, () => cards.offerCard(locale, request({ action, device: snapshot(platform) }), 12)],
    ]),
    ['offer with unknown check-in', () => cards.offerCard(locale, request({ device: snapshot('ios', { lastSyncDateTime: '' }) }), null)],
    ['guidance', () => cards.guidanceCard(locale, snapshot('windows'), 'windowsHelloReset')],
    ['refusal without device', () => cards.refusalCard(locale, null, 'unsupportedPlatform')],
    ...REFUSE_REASONS.map((reason): Rendered => [`refusal ${reason}`, () => cards.refusalCard(locale, snapshot('ios'), reason)]),
    ...REQUEST_STATES.flatMap((state): Rendered[] => [
      [`progress ${state}`, () => cards.progressCard(locale, workProfileRequest({ state, actionSentAt: '2026-03-15T09:02:00Z' }))],
      [`outcome ${state}`, () => cards.outcomeCard(locale, request({ state }), {})],
    ]),
    ...FAILURE_REASONS.flatMap((failureReason): Rendered[] => [
      [`failed ${failureReason} iOS`, () => cards.outcomeCard(locale, request({ state: 'failed', failureReason }))],
      [`failed ${failureReason} work profile`, () => cards.outcomeCard(locale, workProfileRequest({ state: 'failed', failureReason }))],
    ]),
    ['succeeded with passcode', () => cards.outcomeCard(locale, workProfileRequest({ state: 'succeeded' }), { passcode: '4827-1934' })],
    ['succeeded, passcode hidden', () => cards.outcomeCard(locale, workProfileRequest({ state: 'succeeded' }), { passcodeHidden: true })],
    ['status without requests', () => cards.statusCard(locale, [])],
    ['status', () => cards.statusCard(locale, REQUEST_STATES.map((state) => request({ state })))],
    ...ALL_PROBLEMS.map((problem): Rendered => [`problem ${problem.kind}`, () => cards.problemCard(locale, problem)]),
    ...approvalFlowCards(locale, REQUEST_STATES),
    ...recoveryKeyCards(locale),
    ...recoveryKeyApprovalCards(locale),
  ];
}

export function pickerDevices() {
  return [
    managedDevice(),
    managedDevice({ id: 'android-1', deviceName: 'alice_AndroidForWork_3/12/2024_9:04 AM', manufacturer: 'samsung', model: 'SM-S911B', operatingSystem: 'Android', osVersion: '14', lastSyncDateTime: '2026-02-20T00:00:00Z' }),
    managedDevice({ id: 'pc-1', deviceName: 'DESKTOP-8F3K2', manufacturer: 'LENOVO', model: 'ThinkPad T14', operatingSystem: 'Windows', osVersion: '10.0.22631.3447', lastSyncDateTime: '' }),
  ];
}
