import assert from 'node:assert/strict';
import { classifyPlatform, isAppleUserEnrollment } from '../../src/intune';
import { android, device } from './device-builder';

describe('recognising the platform of a managed device', () => {
  describe('Apple', () => {
    it('recognises an iPhone as iOS whatever the case of operatingSystem', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'iOS' })), 'ios');
      assert.equal(classifyPlatform(device({ operatingSystem: 'IOS' })), 'ios');
    });

    it('recognises an iPad reporting iPadOS', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'iPadOS', model: 'iPad Air' })), 'ipados');
    });

    it('treats Company Portal enrollment ("userEnrollment") as device enrollment, not Apple User Enrollment', () => {
      assert.equal(isAppleUserEnrollment(device({ deviceEnrollmentType: 'userEnrollment' })), false);
      assert.equal(isAppleUserEnrollment(device({ deviceEnrollmentType: 'appleBulkWithUser' })), false);
      assert.equal(isAppleUserEnrollment(device({ deviceEnrollmentType: 'deviceEnrollmentManager' })), false);
    });

    it('recognises every Apple User Enrollment flavour, including account-driven and future ones', () => {
      for (const type of [
        'appleUserEnrollment',
        'appleUserEnrollmentWithServiceAccount',
        'appleAccountDrivenUserEnrollment',
        'appleUserEnrollmentSomethingNew',
      ]) {
        assert.equal(isAppleUserEnrollment(device({ deviceEnrollmentType: type })), true, type);
      }
    });

    it('recognises macOS under both of its names', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'macOS' })), 'macos');
      assert.equal(classifyPlatform(device({ operatingSystem: 'Mac OS X' })), 'macos');
    });
  });

  describe('Android', () => {
    it('tells the Android Enterprise corporate modes apart by their beta enrollment types', () => {
      assert.equal(classifyPlatform(device(android.fullyManaged)), 'android-fully-managed');
      assert.equal(classifyPlatform(device(android.corporateWorkProfile)), 'android-corporate-work-profile');
      assert.equal(classifyPlatform(device(android.dedicated)), 'android-dedicated');
    });

    it('recognises AOSP devices by enrollment type, user-associated or userless', () => {
      assert.equal(classifyPlatform(device(android.aospUserAssociated)), 'android-aosp');
      assert.equal(classifyPlatform(device(android.aospUserless)), 'android-aosp');
    });

    it('recognises an AOSP device by its management agent when the enrollment type is not given', () => {
      const aosp = device({ ...android.aospUserAssociated, deviceEnrollmentType: 'unknownFutureValue' });
      assert.equal(classifyPlatform(aosp), 'android-aosp');
    });

    it('recognises a personally owned work profile by beta deviceType androidForWork, under either agent', () => {
      assert.equal(classifyPlatform(device(android.workProfile)), 'android-work-profile');
      assert.equal(classifyPlatform(device(android.workProfileAmapi)), 'android-work-profile');
    });

    it('leaves Google\'s agent with a hidden enrollment type and no deviceType open: it may be any Android Enterprise mode', () => {
      const hidden = device({ ...android.workProfileAmapi, deviceEnrollmentType: 'unknownFutureValue', deviceType: '' });
      assert.equal(classifyPlatform(hidden), 'android-unknown');
    });

    it('treats an Android device under plain Intune MDM as device administrator', () => {
      assert.equal(classifyPlatform(device(android.deviceAdmin)), 'android-device-admin');
      assert.equal(classifyPlatform(device({ ...android.deviceAdmin, managementAgent: 'easMdm' })), 'android-device-admin');
    });
  });

  describe('Windows and the rest', () => {
    it('recognises a Windows PC by operatingSystem alone', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'Windows', osVersion: '10.0.22631.3880' })), 'windows');
    });

    it('recognises legacy Windows phones', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'Windows Mobile' })), 'windows-mobile');
      assert.equal(classifyPlatform(device({ operatingSystem: 'WindowsPhone' })), 'windows-mobile');
      assert.equal(classifyPlatform(device({ operatingSystem: 'Windows Phone' })), 'windows-mobile');
    });

    it('recognises Linux and ChromeOS', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'Linux' })), 'linux');
      assert.equal(classifyPlatform(device({ operatingSystem: 'ChromeOS' })), 'chromeos');
      assert.equal(classifyPlatform(device({ operatingSystem: 'Chrome OS' })), 'chromeos');
    });

    it('calls anything else unknown', () => {
      assert.equal(classifyPlatform(device({ operatingSystem: 'visionOS' })), 'unknown');
      assert.equal(classifyPlatform(device({ operatingSystem: '' })), 'unknown');
    });
  });
});
