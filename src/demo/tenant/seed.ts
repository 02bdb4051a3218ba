// Fixed sample data of the demo tenant. Tests and the demo refer to these ids and names.
import type { DemoTeamsApp, DemoUser } from './types';

export const DEMO_TENANT_ID = '6f1e6b5c-0000-4000-8000-000000000001';
export const DEMO_CLIENT_ID = '6f1e6b5c-0000-4000-8000-000000000002';
export const DEMO_CLIENT_SECRET = 'demo-client-secret-not-for-production';
export const DEMO_HELPDESK_GROUP_ID = '6f1e6b5c-0000-4000-8000-0000000000a1';

/**
 * The bot's Teams app as the organisation's catalog lists it: the manifest id (TEAMS_APP_ID) is
 * its `externalId`; installing it for a user takes the catalog id (TEAMS_APP_CATALOG_ID).
 */
export const DEMO_TEAMS_APP = {
  manifestId: '6f1e6b5c-0000-4000-8000-0000000000b1',
  catalogId: '6f1e6b5c-0000-4000-8000-0000000000c1',
  displayName: 'PIN reset',
} as const;

export function seedCatalogApps(): DemoTeamsApp[] {
  const { catalogId, manifestId, displayName } = DEMO_TEAMS_APP;
  return [{ id: catalogId, externalId: manifestId, displayName, distributionMethod: 'organization' }];
}

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
  androidWorkProfileAmapi: 'd0c1e5a0-0000-4000-8000-000000000017',
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

/**
 * How many devices the employee owns: one per platform-matrix row (the personally owned work
 * profile in both of its real-tenant shapes) plus the two edge cases.
 */
export const EMPLOYEE_DEVICE_COUNT = 17;

const U = DEMO_USER_IDS;

export function seedUsers(): DemoUser[] {
  const sales = { usageLocation: 'TW', preferredLanguage: 'zh-TW', department: 'Sales' };
  const it = { usageLocation: 'TW', preferredLanguage: 'en-US', department: 'IT' };
  return [
    person(U.employee, ['Chen Mei-Ling 陳美玲', 'Mei-Ling', 'Chen', 'meiling'], {
      ...sales, jobTitle: 'Account Manager', managerId: U.manager,
    }),
    person(U.oneDeviceEmployee, ['Lin Chih-Hao 林志豪', 'Chih-Hao', 'Lin', 'chihhao'], {
      ...sales, jobTitle: 'Sales Associate', managerId: U.manager,
    }),
    person(U.noDeviceEmployee, ['Wang Ya-Ting 王雅婷', 'Ya-Ting', 'Wang', 'yating'], { ...sales, jobTitle: 'Intern' }),
    person(U.otherEmployee, ['Huang Kuan-Yu 黃冠宇', 'Kuan-Yu', 'Huang', 'kuanyu'], {
      ...sales, jobTitle: 'Sales Engineer', managerId: U.manager,
    }),
    person(U.helpdeskAgent, ['Alex Rivera', 'Alex', 'Rivera', 'alex.rivera'], {
      ...it, jobTitle: 'Helpdesk Agent', groupIds: [DEMO_HELPDESK_GROUP_ID],
    }),
    person(U.manager, ['Chang Shu-Fen 張淑芬', 'Shu-Fen', 'Chang', 'shufen'], { ...sales, jobTitle: 'Sales Director' }),
  ];
}

function person(
  id: string,
  [displayName, givenName, surname, alias]: [string, string, string, string],
  rest: Pick<DemoUser, 'usageLocation' | 'preferredLanguage' | 'department' | 'jobTitle' | 'managerId' | 'groupIds'>,
): DemoUser {
  const upn = `${alias}@contoso.example`;
  return { id, displayName, givenName, surname, userPrincipalName: upn, mail: upn, ...rest };
}
