// Which row of the platform matrix (DESIGN.md) a managed device belongs to.
// Only `operatingSystem`, `deviceEnrollmentType` and `managementAgent` are trusted: beta
// `deviceType` is unreliable (Windows PCs can show `windowsRT`), so it is never read.
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
 * The beta enrollment types (read through v1.0 with `Prefer: include-unknown-enum-members`) name
 * the corporate Android Enterprise modes and AOSP. A personally owned work profile has no value of
 * its own: it shows up as `userEnrollment` (or `unknownFutureValue`) under Google's device policy
 * controller, while device administrator enrolments are managed by plain Intune MDM.
 */
function classifyAndroid(device: ManagedDevice): PlatformKind {
  const type = normalise(device.deviceEnrollmentType);
  const agent = normalise(device.managementAgent);
  if (type === 'androidenterprisefullymanaged') return 'android-fully-managed';
  if (type === 'androidenterprisecorporateworkprofile') return 'android-corporate-work-profile';
  if (type === 'androidenterprisededicateddevice') return 'android-dedicated';
  if (type.startsWith('androidaosp') || agent === 'intuneaosp') return 'android-aosp';
  if (agent === 'googleclouddevicepolicycontroller') return 'android-work-profile';
  return 'android-device-admin';
}

/** Lower case without spaces, so "Mac OS X", "Chrome OS" and "ChromeOS" compare equal. */
function normalise(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, '').toLowerCase();
}
