// Which row of the platform matrix (DESIGN.md) a managed device belongs to.
// PCs and Apple devices are classified by `operatingSystem` alone: beta `deviceType` is unreliable
// for Windows (PCs can show `windowsRT`). For Android, `deviceType` is the only field that tells a
// personally owned work profile from a device administrator phone, so it is read there (and only there).
import type { ManagedDevice, PlatformKind } from './device';

export function classifyPlatform(device: ManagedDevice): PlatformKind {
  const os = normalise(device.operatingSystem);
  if (os === 'ios') return 'ios';
  if (os === 'ipados') return 'ipados';
  if (os === 'android') return classifyAndroid(device);
  // Legacy phones report "Windows Mobile"/"WindowsPhone"; test them before the PC rule.
  if (/^windows(mobile|phone)/.test(os)) return 'windows-mobile';
  if (os.startsWith('windows')) return 'windows';
  if (os === 'macos' || os === 'macosx' || os === 'osx') return 'macos';
  if (os === 'linux') return 'linux';
  if (os === 'chromeos') return 'chromeos';
  return 'unknown';
}

/**
 * Apple User Enrollment (incl. account-driven) manages only a separate work partition, so Intune
 * cannot touch the device passcode. Company Portal enrollment reports plain `userEnrollment`,
 * which is *device* enrollment with user affinity and must not match here.
 */
export function isAppleUserEnrollment(device: ManagedDevice): boolean {
  const type = normalise(device.deviceEnrollmentType);
  return type.startsWith('appleuserenrollment') || type.includes('accountdriven');
}

/**
 * Android from every signal Graph gives, in this order (DESIGN.md "How real tenants report Android devices"):
 * 1. the corporate enrollment types name their mode outright (and AOSP its agent);
 * 2. beta `deviceType`: `androidForWork` is the personally owned work profile, `android` /
 *    `androidnGMS` device administrator; `androidEnterprise` without a corporate enrollment type
 *    does not say which mode;
 * 3. the management agent: Google's device policy controller (`googleCloudDevicePolicyController`,
 *    newer `google`) with `userEnrollment` is the personally owned work profile after the move to
 *    the Android Management API.
 * Anything else is `android-unknown`: in v1.0-only fields a Company Portal work profile (`mdm`,
 * `userEnrollment`) and a device administrator phone look the same, and guessing "device
 * administrator" would refuse a phone that can be reset and advise wiping a personal device.
 */
function classifyAndroid(device: ManagedDevice): PlatformKind {
  const type = normalise(device.deviceEnrollmentType);
  const agent = normalise(device.managementAgent);
  const corporate = corporateAndroidMode(type, agent);
  if (corporate) return corporate;
  const deviceType = normalise(device.deviceType);
  if (deviceType === 'androidforwork') return 'android-work-profile';
  if (deviceType === 'android' || deviceType === 'androidngms') return 'android-device-admin';
  if (deviceType === 'androidenterprise') return 'android-unknown';
  if (GOOGLE_AGENTS.has(agent) && type === 'userenrollment') return 'android-work-profile';
  return 'android-unknown';
}

/** Google's Android Management API agent, under its v1.0 name and the newer beta `google`. */
const GOOGLE_AGENTS: ReadonlySet<string> = new Set(['googleclouddevicepolicycontroller', 'google']);

function corporateAndroidMode(type: string, agent: string): PlatformKind | undefined {
  if (type === 'androidenterprisefullymanaged') return 'android-fully-managed';
  if (type === 'androidenterprisecorporateworkprofile') return 'android-corporate-work-profile';
  if (type === 'androidenterprisededicateddevice') return 'android-dedicated';
  if (type.startsWith('androidaosp') || agent === 'intuneaosp') return 'android-aosp';
  return undefined;
}

/** Lower case without spaces, so "Mac OS X", "Chrome OS" and "ChromeOS" compare equal. */
function normalise(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, '').toLowerCase();
}
