import assert from 'node:assert/strict';
import { decideEligibility, type Eligibility, type ManagedDevice } from '../../src/intune';
import { OWNER_ID, android, device } from './device-builder';

function decide(overrides: Partial<ManagedDevice>): Eligibility {
  return decideEligibility(device(overrides), OWNER_ID);
}

const temporaryPasscode = (action: 'resetPasscode' | 'resetWorkProfilePasscode', platform: Eligibility['platform']) =>
  ({ kind: 'offer', action, platform, delivers: 'temporaryPasscode' }) as const;

describe('deciding what the bot may do for an Android device', () => {
  describe('work profile', () => {
    it('offers a work-profile passcode reset on a personally owned work profile with Android 8.0', () => {
      assert.deepEqual(
        decide({ ...android.workProfile, osVersion: '8.0' }),
        temporaryPasscode('resetWorkProfilePasscode', 'android-work-profile'),
      );
    });

    it('offers a work-profile passcode reset on a corporate-owned work profile with Android 14', () => {
      assert.deepEqual(
        decide({ ...android.corporateWorkProfile, osVersion: '14' }),
        temporaryPasscode('resetWorkProfilePasscode', 'android-corporate-work-profile'),
      );
    });

    it('refuses a work profile below Android 8.0 (7.1.2)', () => {
      const result = decide({ ...android.workProfile, osVersion: '7.1.2' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'unsupportedPlatform', platform: 'android-work-profile' });
    });

    it('refuses a work profile on Android "7" (a major version alone)', () => {
      const result = decide({ ...android.workProfile, osVersion: '7' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'unsupportedPlatform', platform: 'android-work-profile' });
    });

    it('offers a work-profile reset when the version cannot be read, since work profiles enrol only on 8.0+', () => {
      for (const osVersion of ['', 'unknown', 'N/A']) {
        assert.equal(decide({ ...android.workProfile, osVersion }).kind, 'offer', osVersion);
      }
    });

    it('reads a version with a build suffix such as "13 (TP1A)"', () => {
      assert.deepEqual(
        decide({ ...android.workProfile, osVersion: '13 (TP1A)' }),
        temporaryPasscode('resetWorkProfilePasscode', 'android-work-profile'),
      );
    });
  });

  describe('corporate device-owner modes', () => {
    it('offers a passcode reset on a fully managed device', () => {
      assert.deepEqual(decide({ ...android.fullyManaged, osVersion: '14' }), temporaryPasscode('resetPasscode', 'android-fully-managed'));
    });

    it('offers a passcode reset on a dedicated device that has a primary user', () => {
      assert.deepEqual(decide({ ...android.dedicated, osVersion: '12' }), temporaryPasscode('resetPasscode', 'android-dedicated'));
    });

    it('refuses a userless dedicated device: no one owns it', () => {
      const result = decide({ ...android.dedicated, userId: null });
      assert.deepEqual(result, { kind: 'refuse', reason: 'noPrimaryUser', platform: 'android-dedicated' });
    });

    it('offers a passcode reset on a user-associated AOSP device', () => {
      assert.deepEqual(decide({ ...android.aospUserAssociated, osVersion: '10' }), temporaryPasscode('resetPasscode', 'android-aosp'));
    });

    it('refuses a userless AOSP device: no one owns it', () => {
      const result = decide({ ...android.aospUserless, userId: '' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'noPrimaryUser', platform: 'android-aosp' });
    });
  });

  describe('device administrator', () => {
    it('offers a passcode reset on Android 6.0.1', () => {
      assert.deepEqual(decide({ ...android.deviceAdmin, osVersion: '6.0.1' }), temporaryPasscode('resetPasscode', 'android-device-admin'));
    });

    it('offers a passcode reset on Android "6" (a major version alone)', () => {
      assert.deepEqual(decide({ ...android.deviceAdmin, osVersion: '6' }), temporaryPasscode('resetPasscode', 'android-device-admin'));
    });

    it('refuses Android 7.0 and later, written as "7.0", "7", "7.1.2" or "10"', () => {
      for (const osVersion of ['7.0', '7', '7.1.2', '10']) {
        const result = decide({ ...android.deviceAdmin, osVersion });
        assert.deepEqual(result, { kind: 'refuse', reason: 'androidAdminTooNew', platform: 'android-device-admin' }, osVersion);
      }
    });

    it('refuses when the version cannot be read rather than promise a reset that would fail', () => {
      for (const osVersion of ['', 'garbage', '.6']) {
        assert.equal(decide({ ...android.deviceAdmin, osVersion }).kind, 'refuse', osVersion);
      }
    });
  });
});

describe('deciding what the bot may do for other platforms', () => {
  it('guides a Windows PC user to "I forgot my PIN" instead of acting', () => {
    assert.deepEqual(decide({ operatingSystem: 'Windows', osVersion: '10.0.26100.1' }), {
      kind: 'guide',
      topic: 'windowsHelloReset',
      platform: 'windows',
    });
  });

  it('offers a passcode reset on a legacy Windows 10 Mobile phone', () => {
    assert.deepEqual(decide({ operatingSystem: 'Windows Mobile', osVersion: '10.0.15254' }), temporaryPasscode('resetPasscode', 'windows-mobile'));
  });

  it('refuses a Mac: Intune has no passcode reset for macOS', () => {
    assert.deepEqual(decide({ operatingSystem: 'macOS' }), { kind: 'refuse', reason: 'macosNoReset', platform: 'macos' });
  });

  it('refuses Linux, ChromeOS and unknown systems as unsupported', () => {
    for (const [operatingSystem, platform] of [['Linux', 'linux'], ['ChromeOS', 'chromeos'], ['Tizen', 'unknown']] as const) {
      assert.deepEqual(decide({ operatingSystem }), { kind: 'refuse', reason: 'unsupportedPlatform', platform });
    }
  });
});
