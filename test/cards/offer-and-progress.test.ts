import assert from 'node:assert/strict';
import { offerCard, progressCard, statusCard, VERBS } from '../../src/cards';
import { allText, executeActions } from './support/card-json';
import { request, snapshot, workProfileRequest } from './support/samples';
import { REQUEST_STATES } from './support/variants';

describe('offering a reset', () => {
  it('tells a zh-TW user in Chinese that only the work profile passcode will be reset', () => {
    const text = allText(offerCard('zh-TW', workProfileRequest(), 1));
    assert.match(text, /只會重設你的工作設定檔密碼/);
    assert.match(text, /解鎖裝置本身的密碼.*不會改變/);
    assert.match(text, /暫時的工作設定檔密碼會顯示在這個聊天中/);
  });

  it('tells an iPhone user the passcode will be removed and a new one can be set in Settings', () => {
    const text = allText(offerCard('en', request({ action: 'removePasscode', device: snapshot('ios') }), 1));
    assert.match(text, /remove the passcode/);
    assert.match(text, /set a new passcode.*Settings/);
    assert.doesNotMatch(text, /temporary/);
  });

  it('promises a device-administrator Android user a temporary passcode here in this chat', () => {
    const card = offerCard('en', request({ action: 'resetPasscode', device: snapshot('android-device-admin') }), 1);
    assert.match(allText(card), /temporary passcode will be shown here in this chat/);
  });

  it('words fully managed Android carefully as "the passcode Intune manages on this device"', () => {
    const card = offerCard('en', request({ action: 'resetPasscode', device: snapshot('android-fully-managed') }), 1);
    assert.match(allText(card), /the passcode Intune manages on this device/);
  });

  it('warns, as Company Portal does, that whoever holds the device can open it', () => {
    assert.match(allText(offerCard('en', request(), 1)), /anyone who holds this device can open it/);
    assert.match(allText(offerCard('zh-TW', request(), 1)), /任何拿到這台裝置的人都能開啟它/);
  });

  it('warns from 7 days without check-in that the reset waits for the next one', () => {
    assert.match(allText(offerCard('en', request(), 7)), /last checked in with Intune 7 days ago\. The reset waits for its next check-in/);
    assert.match(allText(offerCard('zh-TW', request(), 12)), /12 天前。重設會等到裝置下次簽入/);
    assert.doesNotMatch(allText(offerCard('en', request(), 6)), /waits for its next check-in/);
    assert.doesNotMatch(allText(offerCard('en', request(), null)), /waits for its next check-in/);
  });

  it('shows the last check-in in the reader’s zone (card DATE/TIME) with the days since', () => {
    assert.match(allText(offerCard('en', request(), 3)), /\{\{DATE\(2026-03-12T08:15:00Z, SHORT\)\}\} \{\{TIME\(2026-03-12T08:15:00Z\)\}\} \(3 days ago\)/);
  });

  it('offers Confirm and Cancel, both carrying only the request id', () => {
    const actions = executeActions(offerCard('en', request({ id: 'req-1' }), 1));
    assert.deepEqual(
      actions.map((action) => [action['verb'], action['data']]),
      [
        [VERBS.confirmReset, { requestId: 'req-1' }],
        [VERBS.cancelReset, { requestId: 'req-1' }],
      ],
    );
  });
});

describe('a confirmed request in progress', () => {
  it('says Intune was asked, the device must be online to check in, and the card updates itself', () => {
    const text = allText(progressCard('en', workProfileRequest({ state: 'executing', actionSentAt: '2026-03-15T09:02:00Z' })));
    assert.match(text, /Intune was asked at \{\{DATE\(2026-03-15T09:02:00Z, SHORT\)\}\} \{\{TIME\(2026-03-15T09:02:00Z\)\}\}/);
    assert.match(text, /switched on and online so that it checks in/);
    assert.match(text, /This card updates itself/);
  });

  it('says Intune is being asked when the action has not been sent yet', () => {
    const text = allText(progressCard('zh-TW', request({ state: 'approved' })));
    assert.match(text, /我正在向 Intune 送出要求/);
    assert.match(text, /這張卡片會自動更新/);
  });

  it('keeps a Cancel button only while the request can still be cancelled', () => {
    const cancellable = REQUEST_STATES.filter((state) => executeActions(progressCard('en', request({ state }))).length > 0);
    assert.deepEqual(cancellable, ['awaiting_confirmation', 'awaiting_approval']);
  });
});

describe('the status card', () => {
  it("lists the user's requests with their state in words and Cancel only where it still can be", () => {
    const card = statusCard('en', [
      request({ id: 'waiting', state: 'awaiting_approval' }),
      request({ id: 'running', state: 'executing' }),
    ]);
    assert.match(allText(card), /Waiting for helpdesk approval/);
    assert.match(allText(card), /Sent to Intune, waiting for the device/);
    assert.deepEqual(
      executeActions(card).map((action) => [action['verb'], action['data']]),
      [[VERBS.cancelReset, { requestId: 'waiting' }]],
    );
  });

  it('says so when there are no open requests and offers to start one', () => {
    const card = statusCard('zh-TW', []);
    assert.match(allText(card), /你目前沒有進行中的 PIN 重設申請/);
    assert.deepEqual(executeActions(card).map((action) => action['verb']), [VERBS.startReset]);
  });
});
