export { startDemoTenant, DEMO_APP_PERMISSIONS, DEMO_DELEGATED_PERMISSIONS, DEMO_OAUTH_CONNECTION, type DemoTenant } from './tenant';
export { BitLockerDirectory, DEMO_WINDOWS_ENTRA_DEVICE_ID, type DemoRecoveryKey, type KeyReadAudit } from './bitlocker';
export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DEVICE_IDS,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_TEAMS_APP,
  DEMO_TENANT_ID,
  DEMO_USER_IDS,
  EMPLOYEE_DEVICE_COUNT,
  seedUsers,
  type DemoDeviceKey,
} from './seed';
export { seedDevices } from './seed-devices';
export type { TenantState, InstalledApp } from './state';
export type { AuthorityRequest } from './token-endpoint';
export type {
  DemoActionResult,
  DemoDevice,
  DemoDeviceBehaviour,
  DemoTeamsApp,
  DemoTenantOptions,
  DemoUser,
  FaultSpec,
  RecordedRequest,
} from './types';
