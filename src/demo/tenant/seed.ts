// Fixed sample data of the demo tenant. Tests and the demo refer to these ids and names.
import type { DemoDevice, DemoUser } from './types';

export const DEMO_TENANT_ID = '6f1e6b5c-0000-4000-8000-000000000001';
export const DEMO_CLIENT_ID = '6f1e6b5c-0000-4000-8000-000000000002';
export const DEMO_CLIENT_SECRET = 'demo-client-secret-not-for-production';
export const DEMO_HELPDESK_GROUP_ID = '6f1e6b5c-0000-4000-8000-0000000000a1';

export const DEMO_USER_IDS = {
  /** Chen Mei-Ling 陳美玲: owns one device for every row of the platform matrix. */
  employee: 'e5a1c7d2-0000-4000-8000-000000000001',
  /** Lin Chih-Hao 林志豪: exactly one device (an iPhone via Company Portal). */
  oneDeviceEmployee: 'e5a1c7d2-0000-4000-8000-000000000002',
  /** Wang Ya-Ting 王雅婷: no devices and no manager. */
  noDeviceEmployee: 'e5a1c7d2-0000-4000-8000-000000000003',
  /** Huang Kuan-Yu 黃冠宇: owner of the devices used as "someone else's device". */
  otherEmployee: 'e5a1c7d2-0000-4000-8000-000000000004',
  /** Alex Rivera: member of the helpdesk group. */
  helpdeskAgent: 'e5a1c7d2-0000-4000-8000-000000000005',
  /** Chang Shu-Fen 張淑芬: manager of the employee, the one-device employee and the other employee. */
  manager: 'e5a1c7d2-0000-4000-8000-000000000006',
} as const;

export const DEMO_DEVICE_IDS = {
  iphoneCompanyPortal: 'd0c1e5a0-0000-4000-8000-000000000001',
  ipadAde: 'd0c1e5a0-0000-4000-8000-000000000002',
  iphoneUserEnrollment: 'd0c1e5a0-0000-4000-8000-000000000003',
  androidWorkProfile: 'd0c1e5a0-0000-4000-8000-000000000004',
  androidCorporateWorkProfile: 'd0c1e5a0-0000-4000-8000-000000000005',
  androidFullyManaged: 'd0c1e5a0-0000-4000-8000-000000000006',
  androidDedicatedWithUser: 'd0c1e5a0-0000-4000-8000-000000000007',
  androidDeviceAdmin6: 'd0c1e5a0-0000-4000-8000-000000000008',
  androidDeviceAdmin10: 'd0c1e5a0-0000-4000-8000-000000000009',
  windowsPc: 'd0c1e5a0-0000-4000-8000-000000000010',
  windowsMobile: 'd0c1e5a0-0000-4000-8000-000000000011',
  macbook: 'd0c1e5a0-0000-4000-8000-000000000012',
  chromebook: 'd0c1e5a0-0000-4000-8000-000000000013',
  linuxLaptop: 'd0c1e5a0-0000-4000-8000-000000000014',
  iphoneRetirePending: 'd0c1e5a0-0000-4000-8000-000000000015',
  androidStale: 'd0c1e5a0-0000-4000-8000-000000000016',
  oneDeviceIphone: 'd0c1e5a0-0000-4000-8000-000000000021',
  otherIphone: 'd0c1e5a0-0000-4000-8000-000000000041',
  otherAndroidWorkProfile: 'd0c1e5a0-0000-4000-8000-000000000042',
  userlessKiosk: 'd0c1e5a0-0000-4000-8000-000000000051',
  sharedIpad: 'd0c1e5a0-0000-4000-8000-000000000052',
} as const;

export type DemoDeviceKey = keyof typeof DEMO_DEVICE_IDS;

/** How many devices the employee owns: one per platform-matrix row plus the two edge cases. */
export const EMPLOYEE_DEVICE_COUNT = 16;

const U = DEMO_USER_IDS;

export function seedUsers(): DemoUser[] {
  const base = { usageLocation: 'TW', preferredLanguage: 'zh-TW', department: 'Sales' };
  return [
    person(U.employee, 'Chen Mei-Ling 陳美玲', 'Mei-Ling', 'Chen', 'meiling', { ...base, jobTitle: 'Account Manager', managerId: U.manager }),
    person(U.oneDeviceEmployee, 'Lin Chih-Hao 林志豪', 'Chih-Hao', 'Lin', 'chihhao', { ...base, jobTitle: 'Sales Associate', managerId: U.manager }),
    person(U.noDeviceEmployee, 'Wang Ya-Ting 王雅婷', 'Ya-Ting', 'Wang', 'yating', { ...base, jobTitle: 'Intern' }),
    person(U.otherEmployee, 'Huang Kuan-Yu 黃冠宇', 'Kuan-Yu', 'Huang', 'kuanyu', { ...base, jobTitle: 'Sales Engineer', managerId: U.manager }),
    person(U.helpdeskAgent, 'Alex Rivera', 'Alex', 'Rivera', 'alex.rivera', {
      ...base,
      preferredLanguage: 'en-US',
      department: 'IT',
      jobTitle: 'Helpdesk Agent',
      groupIds: [DEMO_HELPDESK_GROUP_ID],
    }),
    person(U.manager, 'Chang Shu-Fen 張淑芬', 'Shu-Fen', 'Chang', 'shufen', { ...base, jobTitle: 'Sales Director' }),
  ];
}

function person(
  id: string,
  displayName: string,
  givenName: string,
  surname: string,
  alias: string,
  rest: Pick<DemoUser, 'usageLocation' | 'preferredLanguage' | 'department' | 'jobTitle' | 'managerId' | 'groupIds'>,
): DemoUser {
  const upn = `${alias}@contoso.example`;
  return { id, displayName, givenName, surname, userPrincipalName: upn, mail: upn, ...rest };
}

type DeviceSpec = Pick<
  DemoDevice,
  'deviceName' | 'model' | 'manufacturer' | 'operatingSystem' | 'osVersion' | 'managedDeviceOwnerType' | 'deviceEnrollmentType'
> &
  Partial<Pick<DemoDevice, 'managementState' | 'managementAgent' | 'demo'>> & { syncedMinutesAgo?: number };

/** The seed devices; `now` anchors lastSyncDateTime ("synced 20 minutes ago", "12 days ago"). */
export function seedDevices(now: Date): DemoDevice[] {
  const users = new Map(seedUsers().map((user) => [user.id, user]));
  const make = (key: DemoDeviceKey, owner: string | null, spec: DeviceSpec): DemoDevice =>
    buildDevice(DEMO_DEVICE_IDS[key], owner === null ? undefined : users.get(owner), spec, now);
  const apple = { manufacturer: 'Apple', managementAgent: 'mdm' };
  const android = { manufacturer: 'Google', operatingSystem: 'Android', managementAgent: 'googleCloudDevicePolicyController' };
  const samsung = { ...android, manufacturer: 'samsung' };
  const company = { managedDeviceOwnerType: 'company' } as const;
  const personal = { managedDeviceOwnerType: 'personal' } as const;
  return [
    make('iphoneCompanyPortal', U.employee, { ...apple, ...company, deviceName: "Mei-Ling's iPhone 15", model: 'iPhone 15', operatingSystem: 'iOS', osVersion: '17.5', deviceEnrollmentType: 'userEnrollment' }),
    make('ipadAde', U.employee, { ...apple, ...company, deviceName: "Mei-Ling's iPad Air", model: 'iPad Air (5th generation)', operatingSystem: 'iPadOS', osVersion: '17.5.1', deviceEnrollmentType: 'appleBulkWithUser', demo: { resetOutcome: 'failed' } }),
    make('iphoneUserEnrollment', U.employee, { ...apple, ...personal, deviceName: "Mei-Ling's own iPhone", model: 'iPhone 14', operatingSystem: 'iOS', osVersion: '17.4.1', deviceEnrollmentType: 'appleAccountDrivenUserEnrollment' }),
    make('androidWorkProfile', U.employee, { ...android, ...personal, deviceName: "Mei-Ling's Pixel 8", model: 'Pixel 8', osVersion: '14', deviceEnrollmentType: 'userEnrollment' }),
    make('androidCorporateWorkProfile', U.employee, { ...samsung, ...company, deviceName: 'SM-S911B (work)', model: 'Galaxy S23', osVersion: '14', deviceEnrollmentType: 'androidEnterpriseCorporateWorkProfile' }),
    make('androidFullyManaged', U.employee, { ...samsung, ...company, deviceName: 'SM-A546E', model: 'Galaxy A54', osVersion: '14', deviceEnrollmentType: 'androidEnterpriseFullyManaged' }),
    make('androidDedicatedWithUser', U.employee, { ...samsung, ...company, deviceName: 'Showroom tablet', model: 'Galaxy Tab Active4 Pro', osVersion: '13', deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' }),
    make('androidDeviceAdmin6', U.employee, { ...samsung, ...personal, managementAgent: 'mdm', deviceName: 'SM-G920F', model: 'Galaxy S6', osVersion: '6.0.1', deviceEnrollmentType: 'userEnrollment' }),
    make('androidDeviceAdmin10', U.employee, { ...samsung, ...personal, managementAgent: 'mdm', deviceName: 'SM-G973F', model: 'Galaxy S10', osVersion: '10', deviceEnrollmentType: 'userEnrollment', demo: { resetOutcome: 'notSupported' } }),
    make('windowsPc', U.employee, { ...company, manufacturer: 'Microsoft Corporation', managementAgent: 'mdm', deviceName: 'CONTOSO-TPE-0423', model: 'Surface Laptop 5', operatingSystem: 'Windows', osVersion: '10.0.22631.4460', deviceEnrollmentType: 'windowsAzureADJoin' }),
    make('windowsMobile', U.employee, { ...company, manufacturer: 'Microsoft', managementAgent: 'mdm', deviceName: 'Lumia 950', model: 'Lumia 950', operatingSystem: 'Windows Mobile', osVersion: '10.0.15254.603', deviceEnrollmentType: 'userEnrollment' }),
    make('macbook', U.employee, { ...apple, ...company, deviceName: "Mei-Ling's MacBook Pro", model: 'MacBook Pro (14-inch, 2023)', operatingSystem: 'macOS', osVersion: '14.5', deviceEnrollmentType: 'appleBulkWithUser' }),
    make('chromebook', U.employee, { ...company, manufacturer: 'Acer', managementAgent: 'unknown', deviceName: 'Chromebook Spin 714', model: 'Chromebook Spin 714', operatingSystem: 'ChromeOS', osVersion: '126.0.6478.222', deviceEnrollmentType: 'unknown' }),
    make('linuxLaptop', U.employee, { ...company, manufacturer: 'LENOVO', managementAgent: 'intuneClient', deviceName: 'meiling-thinkpad', model: 'ThinkPad X1 Carbon Gen 11', operatingSystem: 'Linux', osVersion: '22.04', deviceEnrollmentType: 'userEnrollment' }),
    make('iphoneRetirePending', U.employee, { ...apple, ...company, managementState: 'retirePending', deviceName: "Mei-Ling's old iPhone 12", model: 'iPhone 12', operatingSystem: 'iOS', osVersion: '16.7.8', deviceEnrollmentType: 'userEnrollment' }),
    make('androidStale', U.employee, { ...samsung, ...company, syncedMinutesAgo: 12 * 24 * 60, deviceName: 'SM-G736B', model: 'Galaxy XCover6 Pro', osVersion: '13', deviceEnrollmentType: 'androidEnterpriseFullyManaged', demo: { resetOutcome: 'staysPending' } }),
    make('oneDeviceIphone', U.oneDeviceEmployee, { ...apple, ...company, deviceName: "Chih-Hao's iPhone 13", model: 'iPhone 13', operatingSystem: 'iOS', osVersion: '17.5', deviceEnrollmentType: 'userEnrollment' }),
    // Enrolled by Mei-Ling before it was handed over: Graph also lists it among her managedDevices.
    make('otherIphone', U.otherEmployee, { ...apple, ...company, deviceName: "Kuan-Yu's iPhone 15 Pro", model: 'iPhone 15 Pro', operatingSystem: 'iOS', osVersion: '17.5', deviceEnrollmentType: 'userEnrollment', demo: { alsoListedFor: [U.employee] } }),
    make('otherAndroidWorkProfile', U.otherEmployee, { ...android, ...personal, deviceName: "Kuan-Yu's Pixel 7", model: 'Pixel 7', osVersion: '14', deviceEnrollmentType: 'userEnrollment' }),
    make('userlessKiosk', null, { ...samsung, ...company, deviceName: 'Lobby kiosk', model: 'Galaxy Tab A8', osVersion: '13', deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' }),
    make('sharedIpad', null, { ...apple, ...company, deviceName: 'Shared iPad (Store 12)', model: 'iPad (10th generation)', operatingSystem: 'iPadOS', osVersion: '17.5', deviceEnrollmentType: 'appleBulkWithoutUser' }),
  ];
}

function buildDevice(id: string, owner: DemoUser | undefined, spec: DeviceSpec, now: Date): DemoDevice {
  const { syncedMinutesAgo = 20, demo, ...fields } = spec;
  const device: DemoDevice = {
    id,
    managementState: 'managed',
    managementAgent: 'mdm',
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
