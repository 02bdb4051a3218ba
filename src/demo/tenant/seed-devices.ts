// The seed devices: one per platform-matrix row for the demo employee, plus the edge cases.
// Each device carries the fields a real tenant returns for its kind, NOT what the bot's classifier
// expects: the shapes come from the sources named beside them (DESIGN.md "How real tenants report
// Android devices"), so a classifier that guesses wrong fails against this tenant.
import { DEMO_DEVICE_IDS, DEMO_USER_IDS, seedUsers, type DemoDeviceKey } from './seed';
import type { DemoDevice, DemoUser } from './types';

const U = DEMO_USER_IDS;

type DeviceSpec = Pick<
  DemoDevice,
  | 'deviceName'
  | 'model'
  | 'manufacturer'
  | 'operatingSystem'
  | 'osVersion'
  | 'managedDeviceOwnerType'
  | 'deviceEnrollmentType'
  | 'managementAgent'
  | 'deviceType'
> &
  Partial<Pick<DemoDevice, 'managementState' | 'demo'>> & { syncedMinutesAgo?: number };

const company = { managedDeviceOwnerType: 'company' } as const;
const personal = { managedDeviceOwnerType: 'personal' } as const;

// Apple devices enrolled through Company Portal or ADE: Intune MDM; beta deviceType iPhone / iPad / macMDM
// (Graph beta deviceType enum).
const apple = { manufacturer: 'Apple', managementAgent: 'mdm' };

/**
 * Personally owned work profile under Company Portal's own device policy controller, today's
 * default: `mdm` + `userEnrollment` + personal, told apart from device administrator only by beta
 * `deviceType: androidForWork`. Sources: Microsoft Learn "Use Android Management API for personally
 * owned devices with work profiles" (Company Portal is a custom DPC), Intune Customer Success blog
 * "New policy implementation and web enrollment for Android personally owned work profile" (Jan 2025),
 * admins' inventory scripts that filter on `androidForWork`.
 */
const workProfileCompanyPortal = { operatingSystem: 'Android', managementAgent: 'mdm', deviceEnrollmentType: 'userEnrollment', deviceType: 'androidForWork', ...personal };

/**
 * The same personally owned work profile after the tenant moved to the Android Management API:
 * Google's device policy controller manages it (same sources as above; Graph managementAgentType
 * `googleCloudDevicePolicyController`, newer beta member `google`).
 */
const workProfileAmapi = { ...workProfileCompanyPortal, managementAgent: 'googleCloudDevicePolicyController' };

/**
 * Corporate Android Enterprise modes (corporate-owned work profile, fully managed, dedicated) are
 * Android Management API devices: Google's agent, their own beta enrollment types, beta deviceType
 * `androidEnterprise`, company owned (Graph deviceEnrollmentType and managementAgentType docs).
 */
const corporateAndroid = { operatingSystem: 'Android', managementAgent: 'googleCloudDevicePolicyController', deviceType: 'androidEnterprise', ...company };

/** Legacy device administrator: Intune MDM, `userEnrollment`, beta deviceType `android` (Graph beta deviceType enum). */
const deviceAdministrator = { operatingSystem: 'Android', managementAgent: 'mdm', deviceEnrollmentType: 'userEnrollment', deviceType: 'android' };

/** The seed devices; `now` anchors lastSyncDateTime ("synced 20 minutes ago", "12 days ago"). */
export function seedDevices(now: Date): DemoDevice[] {
  const users = new Map(seedUsers().map((user) => [user.id, user]));
  const make = (key: DemoDeviceKey, owner: string | null, spec: DeviceSpec): DemoDevice =>
    buildDevice(DEMO_DEVICE_IDS[key], owner === null ? undefined : users.get(owner), spec, now);
  return [
    make('iphoneCompanyPortal', U.employee, {
      ...apple, ...company, deviceType: 'iPhone',
      deviceName: "Mei-Ling's iPhone 15", model: 'iPhone 15', operatingSystem: 'iOS', osVersion: '17.5',
      // Company Portal enrollment is device enrollment with user affinity: plain userEnrollment (DESIGN.md).
      deviceEnrollmentType: 'userEnrollment',
    }),
    make('ipadAde', U.employee, {
      ...apple, ...company, deviceType: 'iPad',
      deviceName: "Mei-Ling's iPad Air", model: 'iPad Air (5th generation)', operatingSystem: 'iPadOS',
      osVersion: '17.5.1', deviceEnrollmentType: 'appleBulkWithUser', demo: { resetOutcome: 'failed' },
    }),
    make('iphoneUserEnrollment', U.employee, {
      ...apple, ...personal, deviceType: 'iPhone',
      deviceName: "Mei-Ling's own iPhone", model: 'iPhone 14', operatingSystem: 'iOS',
      osVersion: '17.4.1', deviceEnrollmentType: 'appleAccountDrivenUserEnrollment',
    }),
    make('androidWorkProfile', U.employee, {
      ...workProfileCompanyPortal, manufacturer: 'Google', deviceName: "Mei-Ling's Pixel 8", model: 'Pixel 8', osVersion: '14',
    }),
    make('androidWorkProfileAmapi', U.employee, {
      ...workProfileAmapi, manufacturer: 'samsung', deviceName: "Mei-Ling's Galaxy S24", model: 'Galaxy S24', osVersion: '15',
    }),
    make('androidCorporateWorkProfile', U.employee, {
      ...corporateAndroid, manufacturer: 'samsung',
      deviceName: 'SM-S911B (work)', model: 'Galaxy S23', osVersion: '14',
      deviceEnrollmentType: 'androidEnterpriseCorporateWorkProfile',
    }),
    make('androidFullyManaged', U.employee, {
      ...corporateAndroid, manufacturer: 'samsung',
      deviceName: 'SM-A546E', model: 'Galaxy A54', osVersion: '14',
      deviceEnrollmentType: 'androidEnterpriseFullyManaged',
    }),
    make('androidDedicatedWithUser', U.employee, {
      ...corporateAndroid, manufacturer: 'samsung',
      deviceName: 'Showroom tablet', model: 'Galaxy Tab Active4 Pro', osVersion: '13',
      deviceEnrollmentType: 'androidEnterpriseDedicatedDevice',
    }),
    make('androidDeviceAdmin6', U.employee, {
      ...deviceAdministrator, ...personal, manufacturer: 'samsung', deviceName: 'SM-G920F', model: 'Galaxy S6', osVersion: '6.0.1',
    }),
    make('androidDeviceAdmin10', U.employee, {
      ...deviceAdministrator, ...personal, manufacturer: 'samsung', deviceName: 'SM-G973F', model: 'Galaxy S10', osVersion: '10',
      demo: { resetOutcome: 'notSupported' },
    }),
    make('windowsPc', U.employee, {
      ...company,
      manufacturer: 'Microsoft Corporation', managementAgent: 'mdm', deviceName: 'CONTOSO-TPE-0423',
      model: 'Surface Laptop 5', operatingSystem: 'Windows', osVersion: '10.0.22631.4460',
      deviceEnrollmentType: 'windowsAzureADJoin',
      // Beta deviceType is unreliable for PCs: real Windows 11 PCs show windowsRT (DESIGN.md).
      deviceType: 'windowsRT',
    }),
    make('windowsMobile', U.employee, {
      ...company,
      manufacturer: 'Microsoft', managementAgent: 'mdm', deviceName: 'Lumia 950', model: 'Lumia 950',
      operatingSystem: 'Windows Mobile', osVersion: '10.0.15254.603',
      deviceEnrollmentType: 'userEnrollment', deviceType: 'windowsPhone',
    }),
    make('macbook', U.employee, {
      ...apple, ...company, deviceType: 'macMDM',
      deviceName: "Mei-Ling's MacBook Pro", model: 'MacBook Pro (14-inch, 2023)',
      operatingSystem: 'macOS', osVersion: '14.5', deviceEnrollmentType: 'appleBulkWithUser',
    }),
    make('chromebook', U.employee, {
      ...company,
      manufacturer: 'Acer', managementAgent: 'unknown', deviceName: 'Chromebook Spin 714',
      model: 'Chromebook Spin 714', operatingSystem: 'ChromeOS', osVersion: '126.0.6478.222',
      deviceEnrollmentType: 'unknown', deviceType: 'chromeOS',
    }),
    make('linuxLaptop', U.employee, {
      ...company,
      manufacturer: 'LENOVO', managementAgent: 'intuneClient', deviceName: 'meiling-thinkpad',
      model: 'ThinkPad X1 Carbon Gen 11', operatingSystem: 'Linux', osVersion: '22.04',
      deviceEnrollmentType: 'userEnrollment', deviceType: 'linux',
    }),
    make('iphoneRetirePending', U.employee, {
      ...apple, ...company, deviceType: 'iPhone',
      managementState: 'retirePending', deviceName: "Mei-Ling's old iPhone 12", model: 'iPhone 12',
      operatingSystem: 'iOS', osVersion: '16.7.8', deviceEnrollmentType: 'userEnrollment',
    }),
    make('androidStale', U.employee, {
      ...corporateAndroid, manufacturer: 'samsung',
      syncedMinutesAgo: 12 * 24 * 60, deviceName: 'SM-G736B', model: 'Galaxy XCover6 Pro',
      osVersion: '13', deviceEnrollmentType: 'androidEnterpriseFullyManaged',
      demo: { resetOutcome: 'staysPending' },
    }),
    make('oneDeviceIphone', U.oneDeviceEmployee, {
      ...apple, ...company, deviceType: 'iPhone',
      deviceName: "Chih-Hao's iPhone 13", model: 'iPhone 13', operatingSystem: 'iOS', osVersion: '17.5',
      deviceEnrollmentType: 'userEnrollment',
    }),
    // Enrolled by Mei-Ling before it was handed over: Graph also lists it among her managedDevices.
    make('otherIphone', U.otherEmployee, {
      ...apple, ...company, deviceType: 'iPhone',
      deviceName: "Kuan-Yu's iPhone 15 Pro", model: 'iPhone 15 Pro', operatingSystem: 'iOS',
      osVersion: '17.5', deviceEnrollmentType: 'userEnrollment', demo: { alsoListedFor: [U.employee] },
    }),
    make('otherAndroidWorkProfile', U.otherEmployee, {
      ...workProfileCompanyPortal, manufacturer: 'Google', deviceName: "Kuan-Yu's Pixel 7", model: 'Pixel 7', osVersion: '14',
    }),
    make('userlessKiosk', null, {
      ...corporateAndroid, manufacturer: 'samsung',
      deviceName: 'Lobby kiosk', model: 'Galaxy Tab A8', osVersion: '13',
      deviceEnrollmentType: 'androidEnterpriseDedicatedDevice',
    }),
    make('sharedIpad', null, {
      ...apple, ...company, deviceType: 'iPad',
      deviceName: 'Shared iPad (Store 12)', model: 'iPad (10th generation)', operatingSystem: 'iPadOS',
      osVersion: '17.5', deviceEnrollmentType: 'appleBulkWithoutUser',
    }),
  ];
}

function buildDevice(id: string, owner: DemoUser | undefined, spec: DeviceSpec, now: Date): DemoDevice {
  const { syncedMinutesAgo = 20, demo, ...fields } = spec;
  const device: DemoDevice = {
    id,
    managementState: 'managed',
    ...fields,
    userId: owner?.id ?? null,
    userPrincipalName: owner?.userPrincipalName ?? '',
    userDisplayName: owner?.displayName ?? '',
    emailAddress: owner?.mail ?? '',
    complianceState: 'compliant',
    lastSyncDateTime: new Date(now.getTime() - syncedMinutesAgo * 60_000).toISOString(),
    enrolledDateTime: new Date(now.getTime() - 200 * 24 * 3600_000).toISOString(),
    serialNumber: `DEMO${id.slice(-6).toUpperCase()}`,
    azureADDeviceId: id.replace(/^d0c1e5a0/, 'aad0de51'),
  };
  return demo ? { ...device, demo } : device;
}
