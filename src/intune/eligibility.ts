// What the bot may offer for one device and one requester: the platform matrix of DESIGN.md.
import type { Eligibility, ManagedDevice, PlatformKind, RefuseReason } from './device';
import { isAtLeast, parseOsVersion } from './os-version';
import { classifyPlatform, isAppleUserEnrollment } from './platform';

export function decideEligibility(device: ManagedDevice, requesterId: string): Eligibility {
  const owner = normaliseId(device.userId);
  if (owner === '') {
    const platform = classifyPlatform(device);
    return refuse(isSharedIpad(device, platform) ? 'sharedIpad' : 'noPrimaryUser', platform);
  }
  // Someone else's device: say nothing about it, not even its platform or state, so that no
  // caller can leak another person's device details by accident.
  if (owner !== normaliseId(requesterId)) return refuse('notPrimaryUser', 'unknown');

  const platform = classifyPlatform(device);
  const pending = pendingRemoval(device.managementState);
  if (pending) return refuse(pending, platform);
  return decideForPlatform(device, platform);
}

function decideForPlatform(device: ManagedDevice, platform: PlatformKind): Eligibility {
  switch (platform) {
    case 'ios':
    case 'ipados':
      if (isAppleUserEnrollment(device)) return refuse('userEnrollment', platform);
      // iOS/iPadOS has no "reset": Intune removes the passcode and hands nothing back.
      return { kind: 'offer', action: 'removePasscode', platform, delivers: 'nothing' };
    case 'android-work-profile':
    case 'android-corporate-work-profile':
      return decideWorkProfile(device, platform);
    case 'android-fully-managed':
    case 'android-dedicated':
    case 'android-aosp':
    case 'windows-mobile':
      // Dedicated and AOSP devices usually have no primary user and were refused above;
      // with one set, the owner may reset like on a fully managed device.
      return offerResetPasscode(platform);
    case 'android-device-admin':
      return decideDeviceAdmin(device, platform);
    case 'android-unknown':
      // Work profile or device administrator, Graph does not say. resetPasscode is the one action
      // for both; the request always goes to the helpdesk, who can see the device in Intune
      // (src/reset/policy.ts), instead of a refusal that would advise wiping a phone that can be reset.
      return offerResetPasscode(platform);
    case 'windows':
      return { kind: 'guide', topic: 'windowsHelloReset', platform };
    case 'macos':
      return refuse('macosNoReset', platform);
    case 'linux':
    case 'chromeos':
    case 'unknown':
      return refuse('unsupportedPlatform', platform);
    default: {
      const _exhaustive: never = platform;
      return _exhaustive;
    }
  }
}

/**
 * Work-profile passcode reset needs Android 8.0+. An unreadable version is offered anyway:
 * Android Enterprise work profiles can only be enrolled on 8.0 or later in Intune, so a device
 * that has one is new enough, and Intune itself reports `notSupported` if it were not.
 */
function decideWorkProfile(device: ManagedDevice, platform: PlatformKind): Eligibility {
  const version = parseOsVersion(device.osVersion);
  if (version && !isAtLeast(version, 8, 0)) return refuse('unsupportedPlatform', platform);
  return {
    kind: 'offer',
    action: 'resetWorkProfilePasscode',
    platform,
    delivers: 'temporaryPasscode',
  };
}

/**
 * Google removed passcode reset for device administrator apps in Android 7.0. An unreadable
 * version is refused: offering would promise something that almost certainly fails (device
 * admin devices below 7.0 are all but extinct), and the helpdesk can still look at the device.
 */
function decideDeviceAdmin(device: ManagedDevice, platform: PlatformKind): Eligibility {
  const version = parseOsVersion(device.osVersion);
  if (!version || isAtLeast(version, 7, 0)) return refuse('androidAdminTooNew', platform);
  return offerResetPasscode(platform);
}

function offerResetPasscode(platform: PlatformKind): Eligibility {
  return { kind: 'offer', action: 'resetPasscode', platform, delivers: 'temporaryPasscode' };
}

/**
 * Shared iPads are enrolled through ADE without user affinity. Older Intune data reports iPads
 * as "iOS", so a userless `appleBulkWithoutUser` iOS device counts as one too.
 */
function isSharedIpad(device: ManagedDevice, platform: PlatformKind): boolean {
  if (platform === 'ipados') return true;
  return platform === 'ios' && device.deviceEnrollmentType.trim().toLowerCase() === 'applebulkwithoutuser';
}

/**
 * A passcode action queued behind a wipe or retire is pointless at best. The `…Issued` states are
 * the same removal one step further along, so they are refused with the same reason.
 */
function pendingRemoval(managementState: string): RefuseReason | undefined {
  const state = managementState.trim().toLowerCase();
  if (state === 'wipepending' || state === 'wipeissued') return 'wipePending';
  if (state === 'retirepending' || state === 'retireissued') return 'retirePending';
  return undefined;
}

/** Entra object ids are GUIDs; Graph and Teams may differ in case or carry stray whitespace. */
function normaliseId(id: string | null | undefined): string {
  return (id ?? '').trim().toLowerCase();
}

function refuse(reason: RefuseReason, platform: PlatformKind): Eligibility {
  return { kind: 'refuse', reason, platform };
}
