// The classifier against devices as real Intune tenants report them: one test per row of the
// evidence table below, written from the sources, not from src/intune. Each row gives the four
// fields Graph returns (managementAgent, deviceEnrollmentType, beta deviceType, ownerType).
//
// Sources, named per row:
//  [AMAPI]   Microsoft Learn, "Use Android Management API for personally owned devices with work
//            profiles": Company Portal is the custom device policy controller of personally owned
//            work profiles today; Intune moves them to Google's Android Management API.
//  [BLOG]    Intune Customer Success blog, "New policy implementation and web enrollment for
//            Android personally owned work profile" (24 Jan 2025).
//  [AGENT]   Graph managementAgentType enum (v1.0: googleCloudDevicePolicyController = 64; beta adds
//            intuneAosp = 2048 and google = 8192).
//  [ENROLL]  Graph deviceEnrollmentType enum (beta: androidEnterpriseDedicatedDevice = 15,
//            androidEnterpriseFullyManaged = 16, androidEnterpriseCorporateWorkProfile = 17).
//  [TYPE]    Graph beta deviceType enum: android = 11, androidForWork = 17 ("Android for work
//            device"), androidEnterprise = 18, androidnGMS = 20 ("Android non Google managed device").
//  [DESIGN]  DESIGN.md: beta deviceType is unreliable for Windows (PCs can show windowsRT).
import assert from 'node:assert/strict';
import { classifyPlatform, decideEligibility, type ManagedDevice, type PlatformKind } from '../../src/intune';
import { approverFor } from '../../src/reset/policy';
import { device, OWNER_ID } from './device-builder';

interface Row {
  kind: string;
  source: string;
  fields: Pick<ManagedDevice, 'managementAgent' | 'deviceEnrollmentType' | 'deviceType' | 'managedDeviceOwnerType'>;
  platform: PlatformKind;
  action: 'resetWorkProfilePasscode' | 'resetPasscode';
}

const row = (
  kind: string,
  source: string,
  [managementAgent, deviceEnrollmentType, deviceType, managedDeviceOwnerType]: [string, string, string, string],
  platform: PlatformKind,
  action: Row['action'],
): Row => ({ kind, source, fields: { managementAgent, deviceEnrollmentType, deviceType, managedDeviceOwnerType }, platform, action });

const EVIDENCE: Row[] = [
  row('personally owned work profile, Company Portal as DPC', '[AMAPI] [BLOG] [TYPE]',
    ['mdm', 'userEnrollment', 'androidForWork', 'personal'], 'android-work-profile', 'resetWorkProfilePasscode'),
  row('personally owned work profile after the move to the Android Management API', '[AMAPI] [BLOG] [AGENT]',
    ['googleCloudDevicePolicyController', 'userEnrollment', 'androidForWork', 'personal'], 'android-work-profile', 'resetWorkProfilePasscode'),
  row('personally owned work profile under the newer agent value "google"', '[AGENT] (beta google = 8192)',
    ['google', 'userEnrollment', 'androidForWork', 'personal'], 'android-work-profile', 'resetWorkProfilePasscode'),
  row('corporate-owned work profile', '[ENROLL] [AGENT] [TYPE]',
    ['googleCloudDevicePolicyController', 'androidEnterpriseCorporateWorkProfile', 'androidEnterprise', 'company'], 'android-corporate-work-profile', 'resetWorkProfilePasscode'),
  row('fully managed', '[ENROLL] [AGENT] [TYPE]',
    ['googleCloudDevicePolicyController', 'androidEnterpriseFullyManaged', 'androidEnterprise', 'company'], 'android-fully-managed', 'resetPasscode'),
  row('dedicated with a primary user', '[ENROLL] [AGENT] [TYPE]',
    ['googleCloudDevicePolicyController', 'androidEnterpriseDedicatedDevice', 'androidEnterprise', 'company'], 'android-dedicated', 'resetPasscode'),
  row('AOSP, user associated (deviceType not verified, so none given)', '[AGENT] (intuneAosp)',
    ['intuneAosp', 'androidAOSPUserOwnedDeviceEnrollment', '', 'company'], 'android-aosp', 'resetPasscode'),
  row('device administrator, Android 6 (legacy)', '[TYPE] (android = 11)',
    ['mdm', 'userEnrollment', 'android', 'personal'], 'android-device-admin', 'resetPasscode'),
  row('device administrator on a device without Google services', '[TYPE] (androidnGMS = 20)',
    ['mdm', 'userEnrollment', 'androidnGMS', 'company'], 'android-device-admin', 'resetPasscode'),
];

describe('classifying Android devices as real tenants report them (evidence table)', () => {
  for (const evidence of EVIDENCE) {
    it(`${evidence.kind} ${evidence.source} → ${evidence.platform}, ${evidence.action}`, () => {
      // Device administrator passcode reset only exists up to Android 6.x; the other kinds need 8.0+.
      const osVersion = evidence.platform === 'android-device-admin' ? '6.0.1' : '14';
      const shaped = device({ operatingSystem: 'Android', osVersion, ...evidence.fields });
      assert.equal(classifyPlatform(shaped), evidence.platform);
      const decision = decideEligibility(shaped, OWNER_ID);
      assert.equal(decision.kind, 'offer');
      assert.equal(decision.kind === 'offer' && decision.action, evidence.action);
    });
  }
});

describe('Android devices whose mode the fields leave open', () => {
  it('does not call a Company Portal work profile read without beta deviceType "device administrator" [AMAPI] [BLOG]', () => {
    // In v1.0 fields alone, row 1 and a device administrator phone look the same (DESIGN.md).
    const v1Only = device({ operatingSystem: 'Android', osVersion: '14', managementAgent: 'mdm', deviceEnrollmentType: 'userEnrollment', deviceType: '', managedDeviceOwnerType: 'personal' });
    assert.equal(classifyPlatform(v1Only), 'android-unknown');
  });

  it('offers it through the helpdesk instead of refusing it with factory-reset advice', () => {
    const v1Only = device({ operatingSystem: 'Android', osVersion: '14', managementAgent: 'mdm', deviceEnrollmentType: 'userEnrollment', deviceType: '' });
    const decision = decideEligibility(v1Only, OWNER_ID);
    assert.deepEqual(decision, { kind: 'offer', action: 'resetPasscode', platform: 'android-unknown', delivers: 'temporaryPasscode' });
    assert.equal(approverFor({ kind: 'none' }, 'android-unknown', false), 'helpdesk', 'the helpdesk decides even when no approval is configured');
    assert.equal(approverFor({ kind: 'none' }, 'android-unknown', true), 'helpdesk', 'a manager cannot look the device up in Intune');
  });

  it('treats androidEnterprise without a corporate enrollment type (hidden as unknownFutureValue) as open [TYPE] [ENROLL]', () => {
    const hidden = device({ operatingSystem: 'Android', managementAgent: 'googleCloudDevicePolicyController', deviceEnrollmentType: 'unknownFutureValue', deviceType: 'androidEnterprise' });
    assert.equal(classifyPlatform(hidden), 'android-unknown');
  });

  it('recognises the Android Management API work profile by its agent when deviceType is missing [AMAPI] [AGENT]', () => {
    for (const managementAgent of ['googleCloudDevicePolicyController', 'google']) {
      const agentOnly = device({ operatingSystem: 'Android', managementAgent, deviceEnrollmentType: 'userEnrollment', deviceType: '', managedDeviceOwnerType: 'personal' });
      assert.equal(classifyPlatform(agentOnly), 'android-work-profile', managementAgent);
    }
  });

  it('lets the corporate enrollment types win over deviceType [ENROLL]', () => {
    const fullyManaged = device({ operatingSystem: 'Android', managementAgent: 'googleCloudDevicePolicyController', deviceEnrollmentType: 'androidEnterpriseFullyManaged', deviceType: 'androidForWork' });
    assert.equal(classifyPlatform(fullyManaged), 'android-fully-managed');
  });
});

describe('PCs are classified by operatingSystem, never by beta deviceType [DESIGN]', () => {
  it('guides a Windows 11 PC that beta reports as windowsRT to "I forgot my PIN"', () => {
    const pc = device({ operatingSystem: 'Windows', osVersion: '10.0.22631.4460', managementAgent: 'mdm', deviceEnrollmentType: 'windowsAzureADJoin', deviceType: 'windowsRT' });
    assert.deepEqual(decideEligibility(pc, OWNER_ID), { kind: 'guide', topic: 'windowsHelloReset', platform: 'windows' });
  });

  it('does not turn an iPhone into Android because of an odd deviceType', () => {
    assert.equal(classifyPlatform(device({ operatingSystem: 'iOS', deviceType: 'android' })), 'ios');
  });
});
