// What the domain knows about an Intune managed device and its action results.
// Parsed from Graph JSON in src/graph; everything else only sees these types.

export interface ManagedDevice {
  id: string;
  deviceName: string;
  model: string;
  manufacturer: string;
  /** Graph `operatingSystem`: "iOS", "iPadOS", "Android", "Windows", "macOS", "Linux", "ChromeOS"… */
  operatingSystem: string;
  osVersion: string;
  /** Primary user (Entra object id); null for a device without one (shared, userless). */
  userId: string | null;
  userPrincipalName: string;
  /** "company" | "personal" | "unknown" … (kept as Graph sends it) */
  managedDeviceOwnerType: string;
  /** "userEnrollment", "androidEnterpriseFullyManaged", … (read from beta, so newer members come through). */
  deviceEnrollmentType: string;
  /** "managed", "retirePending", "wipePending", … */
  managementState: string;
  /** "mdm", "googleCloudDevicePolicyController", "google", "intuneAosp", … */
  managementAgent: string;
  /**
   * Beta-only `deviceType`: "androidForWork" (personally owned work profile), "androidEnterprise",
   * "android" / "androidnGMS" (device administrator), "windowsRT", …; "" when Graph did not say.
   * Trusted for Android only: PCs can show "windowsRT" (DESIGN.md).
   */
  deviceType: string;
  /** ISO date-time of the last check-in, or "" when Intune never saw one. */
  lastSyncDateTime: string;
}

export type ActionState = 'none' | 'pending' | 'canceled' | 'active' | 'done' | 'failed' | 'notSupported';

export interface ActionResult {
  actionName: string;
  actionState: ActionState;
  startDateTime: string;
  lastUpdatedDateTime: string;
  /** Only for Android resetPasscode, once Intune has it. Never logged, never stored. */
  passcode?: string;
}

/** The single Graph action behind all three offers is `resetPasscode`; the offer says what it will do. */
export type OfferedAction = 'removePasscode' | 'resetPasscode' | 'resetWorkProfilePasscode';

/** How the platform is shown to people and used by the approval policy (the list is the type). */
export const PLATFORM_KINDS = [
  'ios',
  'ipados',
  'android-work-profile',
  'android-corporate-work-profile',
  'android-fully-managed',
  'android-dedicated',
  'android-aosp',
  'android-device-admin',
  /** Android whose management mode Graph's fields leave open: a person in the helpdesk decides. */
  'android-unknown',
  'windows',
  'windows-mobile',
  'macos',
  'linux',
  'chromeos',
  'unknown',
] as const;

export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export type RefuseReason =
  | 'notPrimaryUser'
  | 'noPrimaryUser'
  | 'userEnrollment'
  | 'sharedIpad'
  | 'wipePending'
  | 'retirePending'
  | 'androidAdminTooNew'
  | 'macosNoReset'
  /** Android whose mode is unknown and no helpdesk is configured to look at it. */
  | 'androidKindUnknown'
  | 'unsupportedPlatform';

export type GuideTopic = 'windowsHelloReset';

export type Eligibility =
  | { kind: 'offer'; action: OfferedAction; platform: PlatformKind; delivers: 'nothing' | 'temporaryPasscode' }
  | { kind: 'guide'; topic: GuideTopic; platform: PlatformKind }
  | { kind: 'refuse'; reason: RefuseReason; platform: PlatformKind };
