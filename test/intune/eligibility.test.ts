import assert from 'node:assert/strict';
import { decideEligibility, type Eligibility, type ManagedDevice } from '../../src/intune';
import { OWNER_ID, SOMEONE_ELSE_ID, android, device } from './device-builder';

function decide(overrides: Partial<ManagedDevice>, requesterId = OWNER_ID): Eligibility {
  return decideEligibility(device(overrides), requesterId);
}

describe('deciding what the bot may do for a device', () => {
  describe('who may ask', () => {
    it('refuses a device whose primary user is someone else, without revealing its platform', () => {
      assert.deepEqual(decide({ userId: SOMEONE_ELSE_ID }), {
        kind: 'refuse',
        reason: 'notPrimaryUser',
        platform: 'unknown',
      });
    });

    it('refuses someone else\'s device before saying that a wipe is pending on it', () => {
      const result = decide({ userId: SOMEONE_ELSE_ID, managementState: 'wipePending' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'notPrimaryUser', platform: 'unknown' });
    });

    it('accepts the owner when the ids differ only in case and surrounding spaces', () => {
      const result = decideEligibility(device({ userId: OWNER_ID.toUpperCase() }), `  ${OWNER_ID}\n`);
      assert.equal(result.kind, 'offer');
    });

    it('refuses a device without a primary user, whether userId is null, empty or blank', () => {
      for (const userId of [null, '', '   ']) {
        const result = decide({ ...android.fullyManaged, userId });
        assert.deepEqual(result, { kind: 'refuse', reason: 'noPrimaryUser', platform: 'android-fully-managed' });
      }
    });

    it('never matches an empty requester id to a userless device', () => {
      assert.equal(decideEligibility(device({ userId: '' }), '').kind, 'refuse');
    });
  });

  describe('iOS and iPadOS', () => {
    it('offers passcode removal for a Company Portal-enrolled iPhone', () => {
      assert.deepEqual(decide({ deviceEnrollmentType: 'userEnrollment' }), {
        kind: 'offer',
        action: 'removePasscode',
        platform: 'ios',
        delivers: 'nothing',
      });
    });

    it('offers passcode removal for an iPhone enrolled through Automated Device Enrollment', () => {
      const result = decide({ deviceEnrollmentType: 'appleBulkWithUser' });
      assert.deepEqual(result, { kind: 'offer', action: 'removePasscode', platform: 'ios', delivers: 'nothing' });
    });

    it('offers passcode removal for an iPad with a primary user', () => {
      const result = decide({ operatingSystem: 'iPadOS', model: 'iPad Pro' });
      assert.deepEqual(result, { kind: 'offer', action: 'removePasscode', platform: 'ipados', delivers: 'nothing' });
    });

    it('refuses an iPhone in Apple User Enrollment, including account-driven', () => {
      for (const deviceEnrollmentType of [
        'appleUserEnrollment',
        'appleUserEnrollmentWithServiceAccount',
        'appleAccountDrivenUserEnrollment',
      ]) {
        assert.deepEqual(decide({ deviceEnrollmentType }), { kind: 'refuse', reason: 'userEnrollment', platform: 'ios' });
      }
    });

    it('refuses an iPad in account-driven User Enrollment', () => {
      const result = decide({ operatingSystem: 'iPadOS', deviceEnrollmentType: 'appleAccountDrivenUserEnrollment' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'userEnrollment', platform: 'ipados' });
    });

    it('refuses a shared iPad (no primary user)', () => {
      const result = decide({ operatingSystem: 'iPadOS', userId: null, deviceEnrollmentType: 'appleBulkWithoutUser' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'sharedIpad', platform: 'ipados' });
    });

    it('refuses a userless ADE device reported as "iOS" as a shared iPad', () => {
      const result = decide({ userId: '', deviceEnrollmentType: 'appleBulkWithoutUser' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'sharedIpad', platform: 'ios' });
    });

    it('refuses an iPhone that lost its primary user as having no primary user, not as a shared iPad', () => {
      const result = decide({ userId: null, deviceEnrollmentType: 'userEnrollment' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'noPrimaryUser', platform: 'ios' });
    });

    it('does not call a userless Mac a shared iPad', () => {
      const result = decide({ operatingSystem: 'macOS', userId: null, deviceEnrollmentType: 'appleBulkWithoutUser' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'noPrimaryUser', platform: 'macos' });
    });
  });

  describe('pending wipe or retire', () => {
    it('refuses while a wipe is pending', () => {
      assert.deepEqual(decide({ managementState: 'wipePending' }), { kind: 'refuse', reason: 'wipePending', platform: 'ios' });
    });

    it('refuses while a retire is pending, whatever the case of managementState', () => {
      const result = decide({ ...android.fullyManaged, managementState: 'RETIREPENDING' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'retirePending', platform: 'android-fully-managed' });
    });

    it('refuses once a wipe or retire has been issued', () => {
      assert.deepEqual(decide({ managementState: 'wipeIssued' }), { kind: 'refuse', reason: 'wipePending', platform: 'ios' });
      assert.deepEqual(decide({ managementState: 'retireIssued' }), { kind: 'refuse', reason: 'retirePending', platform: 'ios' });
    });

    it('refuses a pending wipe even where the platform would otherwise only guide', () => {
      const result = decide({ operatingSystem: 'Windows', managementState: 'wipePending' });
      assert.deepEqual(result, { kind: 'refuse', reason: 'wipePending', platform: 'windows' });
    });
  });
});
