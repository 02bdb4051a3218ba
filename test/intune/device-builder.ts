import type { ManagedDevice } from '../../src/intune';

export const OWNER_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
export const SOMEONE_ELSE_ID = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

/** A healthy, recently synced, Company Portal-enrolled iPhone owned by OWNER_ID, unless overridden. */
export function device(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: 'd-0001',
    deviceName: 'Test device',
    model: 'iPhone 15',
    manufacturer: 'Apple',
    operatingSystem: 'iOS',
    osVersion: '17.5.1',
    userId: OWNER_ID,
    userPrincipalName: 'owner@contoso.com',
    managedDeviceOwnerType: 'company',
    deviceEnrollmentType: 'userEnrollment',
    managementState: 'managed',
    managementAgent: 'mdm',
    deviceType: 'iPhone',
    lastSyncDateTime: '2025-06-01T08:00:00Z',
    ...overrides,
  };
}

const CLOUD_DPC = 'googleCloudDevicePolicyController';

/** Android overrides for each Android Enterprise / AOSP / device admin mode, as Graph reports them. */
export const android = {
  workProfile: androidWith(CLOUD_DPC, 'userEnrollment', 'personal'),
  corporateWorkProfile: androidWith(CLOUD_DPC, 'androidEnterpriseCorporateWorkProfile'),
  fullyManaged: androidWith(CLOUD_DPC, 'androidEnterpriseFullyManaged'),
  dedicated: androidWith(CLOUD_DPC, 'androidEnterpriseDedicatedDevice'),
  aospUserAssociated: androidWith('intuneAosp', 'androidAOSPUserOwnedDeviceEnrollment'),
  aospUserless: androidWith('intuneAosp', 'androidAOSPUserlessDeviceEnrollment'),
  deviceAdmin: androidWith('mdm', 'userEnrollment', 'personal'),
};

function androidWith(
  managementAgent: string,
  deviceEnrollmentType: string,
  managedDeviceOwnerType = 'company',
): Partial<ManagedDevice> {
  return { operatingSystem: 'Android', osVersion: '14', managementAgent, deviceEnrollmentType, managedDeviceOwnerType };
}
