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

/**
 * Android devices as real tenants report them (DESIGN.md "How real tenants report Android devices"):
 * managementAgent, deviceEnrollmentType, beta deviceType and owner type per kind. Sources: Microsoft
 * Learn "Use Android Management API for personally owned devices with work profiles"; Graph
 * managementAgentType, deviceEnrollmentType and beta deviceType enum docs; Intune Customer Success
 * blog "New policy implementation and web enrollment for Android personally owned work profile" (Jan 2025).
 */
export const android = {
  /** Personally owned work profile, Company Portal as the device policy controller (today's default). */
  workProfile: androidWith('mdm', 'userEnrollment', 'androidForWork', 'personal'),
  /** The same after the move to the Android Management API. */
  workProfileAmapi: androidWith(CLOUD_DPC, 'userEnrollment', 'androidForWork', 'personal'),
  corporateWorkProfile: androidWith(CLOUD_DPC, 'androidEnterpriseCorporateWorkProfile', 'androidEnterprise'),
  fullyManaged: androidWith(CLOUD_DPC, 'androidEnterpriseFullyManaged', 'androidEnterprise'),
  dedicated: androidWith(CLOUD_DPC, 'androidEnterpriseDedicatedDevice', 'androidEnterprise'),
  // AOSP's beta deviceType is not verified: left empty rather than guessed.
  aospUserAssociated: androidWith('intuneAosp', 'androidAOSPUserOwnedDeviceEnrollment', ''),
  aospUserless: androidWith('intuneAosp', 'androidAOSPUserlessDeviceEnrollment', ''),
  deviceAdmin: androidWith('mdm', 'userEnrollment', 'android', 'personal'),
};

function androidWith(
  managementAgent: string,
  deviceEnrollmentType: string,
  deviceType: string,
  managedDeviceOwnerType = 'company',
): Partial<ManagedDevice> {
  return { operatingSystem: 'Android', osVersion: '14', manufacturer: 'Google', model: 'Pixel 8', managementAgent, deviceEnrollmentType, deviceType, managedDeviceOwnerType };
}
