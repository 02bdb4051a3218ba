import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  cardsFolder,
  devicePickerCard,
  guidanceCard,
  helpCard,
  noDevicesCard,
  personalChatOnlyCard,
  problemCard,
  refusalCard,
  VERBS,
} from '../../src/cards';
import { allText, executeActions, objectsIn } from './support/card-json';
import { managedDevice, NOW, snapshot } from './support/samples';
import { ALL_PROBLEMS, pickerDevices, REFUSE_REASONS } from './support/variants';

const verbsOf = (card: object): unknown[] => executeActions(card).map((action) => action['verb']);

describe('help and getting started', () => {
  it('explains what the bot does, lists the commands and offers a "Reset my PIN" button', () => {
    const card = helpCard('en');
    assert.match(allText(card), /reset my PIN/);
    assert.match(allText(card), /history \[name or email\]/);
    assert.deepEqual(verbsOf(card), [VERBS.startReset, VERBS.showStatus]);
    assert.ok(executeActions(card).some((action) => action['title'] === 'Reset my PIN'));
  });

  it('sends someone with no Intune device to the helpdesk, never to install Company Portal on a phone they cannot unlock', () => {
    // A person asking for a passcode reset is locked out: enrolling the locked device is not possible.
    for (const [locale, helpdesk] of [['en', /helpdesk/], ['zh-TW', /服務台/]] as const) {
      const text = allText(noDevicesCard(locale));
      assert.match(text, helpdesk);
      assert.doesNotMatch(text, /install|Company Portal|公司入口網站|安裝/);
    }
  });

  it('sends someone who asks in a channel to the personal chat through a link button', () => {
    const url = 'https://teams.microsoft.com/l/chat/0/0?users=28:app-id';
    const card = personalChatOnlyCard('zh-TW', url);
    assert.deepEqual(objectsIn(card).filter((item) => item['type'] === 'Action.OpenUrl').map((action) => action['url']), [url]);
    assert.match(allText(card), /個人聊天/);
  });

  it('refuses to build a personal-chat link that is not https', () => {
    assert.throws(() => personalChatOnlyCard('en', 'javascript:alert(1)'));
  });
});

describe('choosing a device', () => {
  it('lists name, model, system and last check-in, with one button per device carrying only its id', () => {
    const card = devicePickerCard('en', pickerDevices(), NOW);
    const text = allText(card);
    assert.match(text, /Alice's iPhone/);
    assert.match(text, /samsung SM-S911B/);
    assert.match(text, /Android 14/);
    assert.match(text, /\{\{DATE\(2026-03-14T08:30:00Z, SHORT\)\}\} \{\{TIME\(2026-03-14T08:30:00Z\)\}\} \(yesterday\)/);
    assert.deepEqual(
      executeActions(card).map((action) => [action['verb'], action['data']]),
      pickerDevices().map((device) => [VERBS.chooseDevice, { deviceId: device.id }]),
    );
  });

  it('marks a device that has not checked in for a week, in Chinese for a zh-TW user', () => {
    const text = allText(devicePickerCard('zh-TW', [managedDevice({ lastSyncDateTime: '2026-03-05T00:00:00Z' })], NOW));
    assert.match(text, /已 10 天未簽入/);
    assert.match(text, /\{\{DATE\(2026-03-05T00:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-05T00:00:00Z\)\}\}（10 天前）/);
  });

  it('says "never" for a device that never checked in', () => {
    assert.match(allText(devicePickerCard('en', [managedDevice({ lastSyncDateTime: '0001-01-01T00:00:00Z' })], NOW)), /never/);
  });
});

describe('devices without a remote reset', () => {
  it('walks a Windows user through "I forgot my PIN" and MFA, and says no remote reset exists', () => {
    const card = guidanceCard('en', snapshot('windows'), 'windowsHelloReset');
    const text = allText(card);
    assert.match(text, /no remote reset for a Windows Hello PIN/);
    assert.match(text, /\*\*I forgot my PIN\*\*/);
    assert.match(text, /multifactor authentication \(MFA\)/);
    assert.match(text, /new PIN/);
    assert.deepEqual(verbsOf(card), []);
    assert.match(allText(guidanceCard('zh-TW', snapshot('windows'), 'windowsHelloReset')), /我忘記我的 PIN/);
  });

  it('explains every refusal reason in its own words and always points to the helpdesk', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const texts = REFUSE_REASONS.map((reason) => allText(refusalCard(locale, snapshot('ios'), reason)));
      assert.equal(new Set(texts).size, REFUSE_REASONS.length);
      for (const text of texts) assert.match(text, /helpdesk|服務台/);
    }
  });

  it('tells an Apple User Enrollment user that Apple does not allow a passcode reset', () => {
    assert.match(allText(refusalCard('en', snapshot('ios'), 'userEnrollment')), /Apple User Enrollment.*Apple does not let/);
  });

  it('tells a device-administrator Android 7+ user that Google removed it and a wipe may be needed', () => {
    const text = allText(refusalCard('en', snapshot('android-device-admin'), 'androidAdminTooNew'));
    assert.match(text, /legacy mode, and runs Android 7\.0 or later: Google removed remote passcode reset/);
    assert.match(text, /helpdesk can help you; this may mean .*wipe/);
  });

  it('still explains the refusal when the device is not known', () => {
    assert.match(allText(refusalCard('zh-TW', null, 'unsupportedPlatform')), /Intune 沒有針對這類裝置的遠端密碼重設功能/);
  });
});

describe('problems with a step', () => {
  it('words every problem kind differently, in both languages', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const texts = ALL_PROBLEMS.map((problem) => allText(problemCard(locale, problem)));
      assert.equal(new Set(texts).size, ALL_PROBLEMS.length);
    }
  });

  it('names the state of a request that is already closed', () => {
    assert.match(allText(problemCard('en', { kind: 'requestClosed', state: 'cancelled' })), /already closed \(Cancelled\)/);
  });

  it('names the missing Graph permission for the administrator', () => {
    const card = problemCard('en', { kind: 'graphPermissionMissing', permission: 'DeviceManagementManagedDevices.PrivilegedOperations.All' });
    assert.match(allText(card), /DeviceManagementManagedDevices\.PrivilegedOperations\.All/);
  });
});

describe('card templates', () => {
  it('are found in the repo cards/ folder, walking up from the module to package.json', () => {
    assert.equal(cardsFolder(), path.resolve(__dirname, '../../cards'));
  });

  it('are Adaptive Card 1.5 with a schema reference and a fallbackText binding, one file per screen', () => {
    const files = fs.readdirSync(cardsFolder()).filter((file) => file.endsWith('.json'));
    assert.equal(files.length, 24);
    for (const file of files) {
      const template = JSON.parse(fs.readFileSync(path.join(cardsFolder(), file), 'utf8')) as Record<string, unknown>;
      assert.equal(template['$schema'], 'http://adaptivecards.io/schemas/adaptive-card.json', file);
      assert.equal(template['version'], '1.5', file);
      assert.equal(template['fallbackText'], '${fallbackText}', file);
    }
  });
});
