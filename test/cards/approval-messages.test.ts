import assert from 'node:assert/strict';
import { managerNoticeCard, outcomeCard, passcodeCard, progressCard, VERBS } from '../../src/cards';
import { allText, executeActions, stringsIn, visibleTexts } from './support/card-json';
import { activeMarkup, displayedAs } from './support/markdown';
import { MANAGER_EVENTS } from './support/approval-variants';
import { approvalRequest, decidedRequest, request, snapshot, workProfileRequest } from './support/samples';

describe('the requester while a request waits for approval', () => {
  it('says the helpdesk decides, until when, that nothing was sent yet, and offers Cancel', () => {
    const card = progressCard('en', approvalRequest());
    const text = allText(card);
    assert.match(text, /waiting for approval by the helpdesk/);
    assert.match(text, /If nobody decides by \{\{DATE\(2026-03-16T09:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-16T09:00:00Z\)\}\}, it expires/);
    assert.match(text, /Nothing has been sent to your device yet/);
    assert.deepEqual(executeActions(card).map((action) => [action['verb'], action['data']]), [[VERBS.cancelReset, { requestId: approvalRequest().id }]]);
  });

  it('names the manager who decides, in Chinese for a zh-TW user', () => {
    assert.match(allText(progressCard('en', approvalRequest({ approver: 'manager' }))), /approval by your manager, Bob Lee\./);
    const zh = allText(progressCard('zh-TW', approvalRequest({ approver: 'manager' })));
    assert.match(zh, /正在等待你的主管 Bob Lee 核准/);
    assert.match(zh, /\{\{DATE\(2026-03-16T09:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-16T09:00:00Z\)\}\} 之前沒有人做出決定，申請就會到期/);
  });

  it('leaves out the deadline when the request has none', () => {
    assert.doesNotMatch(allText(progressCard('en', approvalRequest({ expiresAt: null }))), /expires/);
  });
});

describe('telling the requester how an approval ended', () => {
  it('names who declined and shows their reason', () => {
    const text = allText(outcomeCard('en', decidedRequest('rejected')));
    assert.match(text, /Carol Wu declined this request, so nothing was sent to your device\./);
    assert.match(text, /Reason given: Please call the helpdesk first\./);
    assert.match(allText(outcomeCard('zh-TW', decidedRequest('rejected'))), /Carol Wu 拒絕了這個申請.*\n拒絕原因：Please call the helpdesk first\./);
  });

  it('says nobody decided in time when an approval expired', () => {
    assert.match(allText(outcomeCard('en', approvalRequest({ state: 'expired' }))), /Nobody approved or rejected this request in time/);
    assert.match(allText(outcomeCard('zh-TW', approvalRequest({ state: 'expired' }))), /在期限內沒有人核准或拒絕/);
  });

  it('points to the next message instead of showing the passcode on the request card', () => {
    const card = outcomeCard('en', workProfileRequest({ state: 'succeeded' }), { passcode: '48271934', passcodeInSeparateMessage: true });
    assert.match(allText(card), /Your temporary passcode is in the next message/);
    assert.ok(!stringsIn(card).some((text) => text.includes('48271934')));
  });
});

describe('the temporary passcode in a message of its own', () => {
  it('shows the passcode large in monospace and says to sign in and change it now', () => {
    const card = passcodeCard('en', request({ state: 'succeeded', action: 'resetPasscode', device: snapshot('android-device-admin') }), '48271934');
    assert.ok(JSON.stringify(card).includes('"text":"48271934","fontType":"monospace","size":"extraLarge"'));
    assert.match(allText(card), /Unlock the device with it now, then change it right away/);
    assert.match(allText(card), /hides the passcode in a few minutes/);
  });

  it('tells a work-profile user to open the work profile with it, in Chinese for zh-TW', () => {
    assert.match(allText(passcodeCard('zh-TW', workProfileRequest({ state: 'succeeded' }), '48271934')), /請立刻用它開啟工作設定檔/);
  });

  it('keeps the passcode out of the fallback text that notifications show', () => {
    const card = passcodeCard('en', workProfileRequest({ state: 'succeeded' }), '48271934');
    assert.doesNotMatch(String(card['fallbackText']), /4827/);
  });

  it('says the passcode was shown and is now hidden, without it', () => {
    for (const hidden of [null, '']) {
      const card = passcodeCard('en', workProfileRequest({ state: 'succeeded' }), hidden);
      assert.match(allText(card), /The temporary passcode was shown here and is now hidden\./);
      assert.ok(!stringsIn(card).some((text) => text.includes('4827')));
    }
  });

  it('shows a passcode with markdown characters exactly as issued', () => {
    const card = passcodeCard('en', workProfileRequest({ state: 'succeeded' }), '*7_x*');
    assert.ok(visibleTexts(card).some((text) => displayedAs(text) === '*7_x*' && activeMarkup(text).length === 0));
  });
});

describe("telling the requester's manager", () => {
  it('says who asked to reset which device, that the helpdesk decides, and whom to tell if it looks wrong', () => {
    const text = allText(managerNoticeCard('en', approvalRequest(), 'requested'));
    assert.match(text, /Alice Chen asked to reset the passcode of Alice ios\./);
    assert.match(text, /The helpdesk approves or rejects it/);
    assert.match(text, /not genuine, contact the helpdesk/);
    assert.deepEqual(executeActions(managerNoticeCard('en', approvalRequest(), 'requested')), []);
  });

  it('says a self-service reset needs no approval', () => {
    assert.match(allText(managerNoticeCard('en', request({ state: 'approved' }), 'requested')), /No approval is needed/);
  });

  it('tells each ending in its own words, in both languages', () => {
    const endings = MANAGER_EVENTS.filter((event) => event !== 'requested' && event !== 'approvalNeeded');
    for (const locale of ['en', 'zh-TW'] as const) {
      const texts = endings.map((event) => allText(managerNoticeCard(locale, decidedRequest(event === 'rejected' ? 'rejected' : 'failed'), event)));
      assert.equal(new Set(texts).size, endings.length);
    }
  });

  it('names who rejected and why, and explains a failure in plain words', () => {
    const rejected = allText(managerNoticeCard('en', decidedRequest('rejected'), 'rejected'));
    assert.match(rejected, /Carol Wu rejected the passcode reset of Alice ios for Alice Chen/);
    assert.match(rejected, /Reason: Please call the helpdesk first\./);
    const failed = allText(managerNoticeCard('zh-TW', decidedRequest('failed', { failureReason: 'graphUnavailable' }), 'failed'));
    assert.match(failed, /Alice Chen 的 Alice ios 密碼重設沒有成功。無法連線到 Intune/);
  });
});
