// Issue 11 §4: a manager's notice names the KIND of a personally owned device, never its name or
// model. Graph's managedDevice.managedDeviceOwnerType is "company", "personal" or "unknown"
// (Microsoft Graph v1.0, managedDeviceOwnerType enum); a BYOD phone's name is often the person's
// own ("Mei-Ling's Galaxy S23") and none of the manager's business.
import assert from 'node:assert/strict';
import { managerNoticeCard, type ManagerEvent } from '../../src/cards';
import { LOCALES } from '../../src/i18n';
import { textOf } from '../e2e/cards';
import { request, snapshot } from './support/samples';

const NOTICES: ManagerEvent[] = ['requested', 'succeeded', 'failed', 'rejected', 'expired', 'cancelled'];
const NAME = 'Mei-Ling Galaxy S23';
const MODEL = 'SM-S911B';

function personalPhone(ownerType: string) {
  return request({
    action: 'resetWorkProfilePasscode',
    device: snapshot('android-work-profile', { deviceName: NAME, model: MODEL, ownerType }),
    approver: 'helpdesk',
    failureReason: 'actionFailed',
    decidedByName: 'Helpdesk Hsu',
  });
}

describe('manager notices about a personally owned device', () => {
  for (const locale of LOCALES) {
    for (const event of NOTICES) {
      it(`${locale} ${event}: names the kind, never the device name or model`, () => {
        const text = textOf(managerNoticeCard(locale, personalPhone('personal'), event));
        assert.ok(!text.includes(NAME), text);
        assert.ok(!text.includes(MODEL), text);
        assert.match(text, locale === 'en' ? /personally owned device \(Android/ : /個人擁有的裝置（/);
      });
    }
  }

  it('reads the owner type whatever its case ("Personal")', () => {
    assert.ok(!textOf(managerNoticeCard('en', personalPhone('Personal'), 'requested')).includes(NAME));
  });

  it('still names a company device, which the manager may need to recognise', () => {
    const text = textOf(managerNoticeCard('en', personalPhone('company'), 'requested'));
    assert.ok(text.includes(NAME) && text.includes(MODEL), text);
  });
});

// The approval card the manager decides on (MANAGER_APPROVAL=true) is the manager's too: the same
// rule as the notices. Where the helpdesk decides, it still shows name and model to identify the device.
describe('the approval card of a personally owned device', () => {
  const waiting = (approver: 'manager' | 'helpdesk', ownerType: string) =>
    request({
      state: 'awaiting_approval',
      action: 'resetWorkProfilePasscode',
      device: snapshot('android-work-profile', { deviceName: NAME, model: MODEL, ownerType }),
      approver,
    });

  for (const locale of LOCALES) {
    it(`${locale}: where the manager decides, names the kind, never the device name or model`, () => {
      const text = textOf(managerNoticeCard(locale, waiting('manager', 'personal'), 'approvalNeeded'));
      assert.ok(!text.includes(NAME), text);
      assert.ok(!text.includes(MODEL), text);
    });
  }

  it('where the helpdesk decides, still names the device', () => {
    const text = textOf(managerNoticeCard('en', waiting('helpdesk', 'personal'), 'approvalNeeded'));
    assert.ok(text.includes(NAME) && text.includes(MODEL), text);
  });
});
