import assert from 'node:assert/strict';
import { outcomeCard, progressCard, VERBS } from '../../src/cards';
import { allText, executeActions, stringsIn } from './support/card-json';
import { request, snapshot, workProfileRequest } from './support/samples';
import { FAILURE_REASONS } from './support/variants';

const verbsOf = (card: object): unknown[] => executeActions(card).map((action) => action['verb']);

describe('telling the user how a reset ended', () => {
  it('shows an Android temporary passcode large, and says to sign in and change it now', () => {
    const card = outcomeCard('en', request({ state: 'succeeded', action: 'resetPasscode', device: snapshot('android-device-admin') }), {
      passcode: '48271934',
    });
    assert.ok(JSON.stringify(card).includes('"text":"48271934","fontType":"monospace","size":"extraLarge"'));
    assert.match(allText(card), /Unlock the device with this temporary passcode and change it now/);
    assert.match(allText(card), /This card hides the passcode in a few minutes/);
  });

  it('tells a zh-TW work-profile user to open the work profile with the temporary passcode', () => {
    const card = outcomeCard('zh-TW', workProfileRequest({ state: 'succeeded' }), { passcode: '48271934' });
    assert.match(allText(card), /請用這組暫時密碼開啟工作設定檔/);
  });

  it('never puts the passcode into the fallback text that notifications show', () => {
    const card = outcomeCard('en', workProfileRequest({ state: 'succeeded' }), { passcode: '48271934' });
    assert.doesNotMatch(String(card['fallbackText']), /48271934/);
  });

  it('says the passcode was shown and is now hidden, without showing it again', () => {
    const card = outcomeCard('en', workProfileRequest({ state: 'succeeded' }), { passcode: '48271934', passcodeHidden: true });
    assert.match(allText(card), /was shown here and is now hidden/);
    assert.ok(!stringsIn(card).some((text) => text.includes('48271934')));
  });

  it('tells an iPhone user the passcode was removed and to set a new one in Settings', () => {
    const text = allText(outcomeCard('en', request({ state: 'succeeded' })));
    assert.match(text, /passcode was removed/);
    assert.match(text, /set one yourself in Settings/);
  });

  it('explains a failed iPhone removal as a possible bad unlock token that only a wipe recovers, without a retry button', () => {
    const card = outcomeCard('en', request({ state: 'failed', failureReason: 'actionFailed' }));
    assert.match(allText(card), /wrong unlock token.*only a wipe, which erases everything/);
    assert.match(allText(card), /contact your IT helpdesk/);
    assert.ok(!verbsOf(card).includes(VERBS.startReset));
  });

  it('explains a failed work-profile reset: reset token not activated, or no work-profile passcode policy', () => {
    const text = allText(outcomeCard('en', workProfileRequest({ state: 'failed', failureReason: 'actionFailed' })));
    assert.match(text, /reset token of the work profile is not active/);
    assert.match(text, /No work profile passcode policy applies/);
    const zh = allText(outcomeCard('zh-TW', workProfileRequest({ state: 'failed', failureReason: 'actionFailed' })));
    assert.match(zh, /重設權杖尚未啟用/);
    assert.match(zh, /工作設定檔密碼原則/);
  });

  it('says an unconfirmed request sent nothing known and may be tried again later', () => {
    const card = outcomeCard('en', request({ state: 'failed', failureReason: 'actionNotConfirmed' }));
    assert.match(allText(card), /nothing is known to have been sent to your device\. Please try again later/);
    assert.ok(verbsOf(card).includes(VERBS.startReset));
  });

  it('does not offer to start again after a time-out: the first action may still reach the device', () => {
    const card = outcomeCard('en', request({ state: 'failed', failureReason: 'timedOut' }));
    assert.match(allText(card), /may still happen when the device next checks in/);
    assert.ok(!verbsOf(card).includes(VERBS.startReset));
  });

  it('words every failure reason differently, in both languages', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const texts = FAILURE_REASONS.map((failureReason) =>
        allText(outcomeCard(locale, request({ state: 'failed', action: 'resetPasscode', device: snapshot('android-dedicated'), failureReason }))),
      );
      assert.equal(new Set(texts).size, FAILURE_REASONS.length);
    }
  });

  it('tells the user that nothing was sent when the request was cancelled, expired or declined', () => {
    for (const state of ['cancelled', 'expired', 'rejected'] as const) {
      assert.match(allText(outcomeCard('en', request({ state }))), /nothing was sent to your device/i);
      assert.match(allText(outcomeCard('zh-TW', request({ state }))), /沒有任何動作送到你的裝置/);
    }
  });

  it('shows a request that is still open as progress', () => {
    const open = request({ state: 'awaiting_approval' });
    assert.deepEqual(outcomeCard('en', open), progressCard('en', open));
  });
});
