import assert from 'node:assert/strict';
import {
  approvalCard,
  approvalProblemCard,
  approvalProblemText,
  managerNoticeCard,
  MAX_REFRESH_USER_IDS,
  REJECT_REASON_INPUT,
  REJECT_REASON_MAX_LENGTH,
  VERBS,
  type AdaptiveCard,
} from '../../src/cards';
import { allText, executeActions, objectsIn } from './support/card-json';
import { APPROVAL_PROBLEMS } from './support/approval-variants';
import { approvalRequest, decidedRequest, NOW, snapshot, workProfileRequest } from './support/samples';
import { REQUEST_STATES } from './support/variants';

const ID = '0e9d8c7b-0000-4000-8000-0000000000aa';

/** The buttons a person can press: actions outside the card's `refresh`. */
function buttons(card: AdaptiveCard): Record<string, unknown>[] {
  const { refresh: _refresh, ...rest } = card;
  return objectsIn(rest).filter((item) => typeof item['type'] === 'string' && String(item['type']).startsWith('Action.'));
}

function rejectForm(card: AdaptiveCard): { input: Record<string, unknown>; submit: Record<string, unknown> } {
  const showCard = objectsIn(card).find((item) => item['type'] === 'Action.ShowCard');
  assert.ok(showCard, 'no Reject ShowCard');
  const input = objectsIn(showCard['card']).find((item) => item['type'] === 'Input.Text');
  const submit = executeActions(showCard['card'])[0];
  assert.ok(input && submit);
  return { input, submit };
}

describe('the approval card in the helpdesk channel', () => {
  describe('for an approver while the request waits', () => {
    const card = (): AdaptiveCard => approvalCard('en', approvalRequest(), 'approver', { now: NOW });

    it('offers Approve, carrying only the request id', () => {
      const approve = executeActions(card()).find((action) => action['verb'] === VERBS.approveRequest);
      assert.deepEqual(approve?.['data'], { requestId: ID });
      assert.equal(approve?.['title'], 'Approve');
    });

    it('offers Reject behind a form whose reason is required, at most 500 characters, asking "Why?"', () => {
      const { input, submit } = rejectForm(card());
      assert.equal(input['id'], REJECT_REASON_INPUT);
      assert.equal(input['isRequired'], true);
      assert.equal(input['maxLength'], REJECT_REASON_MAX_LENGTH);
      assert.equal(input['placeholder'], 'Why?');
      assert.equal(submit['verb'], VERBS.rejectRequest);
      assert.deepEqual(submit['data'], { requestId: ID });
    });

    it('names the buttons 核准 and 拒絕 for a zh-TW approver', () => {
      const zh = approvalCard('zh-TW', approvalRequest(), 'approver', { now: NOW });
      assert.deepEqual(buttons(zh).map((action) => action['title']), ['核准', '拒絕', '拒絕申請']);
    });
  });

  it('shows who asked, the device, its ownership and last check-in, the action, the expiry and who decides', () => {
    const text = allText(approvalCard('en', approvalRequest({ device: snapshot('ios', { ownerType: 'personal' }) }), 'readOnly', { now: NOW }));
    for (const expected of [
      /Requester\nAlice Chen/,
      /Device\nAlice ios/,
      /Model\nModel X/,
      /Operating system\niOS 14/,
      /Ownership\nPersonal device/,
      /Last check-in\n\{\{DATE\(2026-03-12T08:15:00Z, SHORT\)\}\} \{\{TIME\(2026-03-12T08:15:00Z\)\}\} \(3 days ago\)/,
      /Action\nRemove passcode/,
      /Expires\n\{\{DATE\(2026-03-16T09:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-16T09:00:00Z\)\}\} \(in 23 hours\)/,
      /Decides\nA member of the helpdesk group/,
      /Manager\nBob Lee, notified/,
    ]) {
      assert.match(text, expected);
    }
  });

  it('says what approving does in the words of the offer for that action and platform', () => {
    assert.match(allText(approvalCard('en', approvalRequest(), 'approver')), /removes the passcode.*anyone holding the device can open it/);
    const workProfile = allText(approvalCard('en', workProfileRequest({ state: 'awaiting_approval' }), 'approver'));
    assert.match(workProfile, /only the work profile passcode.*shown only to the requester/);
    assert.match(workProfile, /Action\nReset work profile passcode/);
    const fullyManaged = approvalRequest({ action: 'resetPasscode', device: snapshot('android-fully-managed') });
    assert.match(allText(approvalCard('en', fullyManaged, 'approver')), /the passcode it manages on this device/);
  });

  it('shows "Manager not notified" as a warning when the notice could not be delivered', () => {
    const card = approvalCard('en', approvalRequest({ managerNotice: 'notNotified' }), 'approver');
    const warnings = objectsIn(card).filter((item) => item['style'] === 'warning');
    assert.equal(warnings.length, 1);
    assert.match(allText(warnings[0]), /^Manager not notified/);
    assert.match(allText(card), /Manager\nBob Lee, not notified/);
  });

  it('says "No manager in Entra ID" when the requester has none, and nothing about a manager never looked up', () => {
    assert.match(allText(approvalCard('en', approvalRequest({ managerNotice: 'noManager', managerName: null }), 'readOnly')), /Manager\nNo manager in Entra ID/);
    assert.match(allText(approvalCard('zh-TW', approvalRequest({ managerNotice: 'noManager' }), 'readOnly')), /Entra ID 中沒有主管/);
    assert.doesNotMatch(allText(approvalCard('en', approvalRequest({ managerNotice: null }), 'readOnly')), /Manager\n/);
  });

  describe('for everyone else while the request waits', () => {
    it('says a helpdesk member decides and has no button', () => {
      const card = approvalCard('en', approvalRequest(), 'readOnly');
      assert.match(allText(card), /Waiting for a helpdesk member to approve or reject it/);
      assert.deepEqual(executeActions(card), []);
      assert.deepEqual(buttons(card), []);
    });

    it('names the manager when the manager decides', () => {
      const card = approvalCard('en', approvalRequest({ approver: 'manager' }), 'readOnly');
      assert.match(allText(card), /Waiting for the manager, Bob Lee, to approve or reject it/);
      assert.match(allText(card), /Decides\nBob Lee, the requester's manager/);
      assert.match(allText(approvalCard('zh-TW', approvalRequest({ approver: 'manager' }), 'readOnly')), /正在等待主管 Bob Lee 核准或拒絕/);
    });
  });

  describe('once decided, the same for everyone and without buttons', () => {
    const decided = REQUEST_STATES.filter((state) => state !== 'awaiting_approval');
    for (const state of decided) {
      it(`shows ${state} with no button even in the approver view`, () => {
        assert.deepEqual(buttons(approvalCard('en', decidedRequest(state), 'approver', { refreshUserIds: ['29:x'] })), []);
      });
    }

    it('says who approved', () => {
      assert.match(allText(approvalCard('en', decidedRequest('approved'), 'readOnly')), /Approved by Carol Wu\./);
      assert.match(allText(approvalCard('zh-TW', decidedRequest('approved'), 'readOnly')), /由 Carol Wu 核准/);
    });

    it('says who rejected and why', () => {
      const text = allText(approvalCard('en', decidedRequest('rejected'), 'readOnly'));
      assert.match(text, /Rejected by Carol Wu\.\nReason: Please call the helpdesk first\./);
    });

    it('says nobody decided before the expiry, the requester cancelled, or that Intune was asked', () => {
      assert.match(allText(approvalCard('en', decidedRequest('expired'), 'readOnly')), /Nobody decided before \{\{DATE\(2026-03-16T09:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-16T09:00:00Z\)\}\}/);
      assert.match(allText(approvalCard('en', decidedRequest('cancelled'), 'readOnly')), /The requester cancelled this request/);
      assert.match(allText(approvalCard('en', decidedRequest('executing'), 'readOnly')), /Intune was asked at \{\{DATE\(2026-03-15T09:30:00Z, SHORT\)\}\} \{\{TIME\(2026-03-15T09:30:00Z\)\}\}/);
      assert.match(allText(approvalCard('en', decidedRequest('succeeded'), 'readOnly')), /Approved by Carol Wu\.\nIntune reports the reset as done/);
    });

    it('explains a failure in plain words for the helpdesk', () => {
      const text = allText(approvalCard('en', decidedRequest('failed', { failureReason: 'actionFailed' }), 'readOnly'));
      assert.match(text, /The reset did not work\. .*wrong unlock token.*only a wipe, which erases everything/);
      const workProfile = decidedRequest('failed', { failureReason: 'actionFailed', action: 'resetWorkProfilePasscode', device: snapshot('android-work-profile') });
      assert.match(allText(approvalCard('en', workProfile, 'readOnly')), /reset token was never activated.*work profile passcode policy/);
    });

    it('no longer shows when the request would have expired', () => {
      assert.doesNotMatch(allText(approvalCard('en', decidedRequest('approved'), 'readOnly')), /Expires/);
    });
  });
});

describe('refreshing the approval card for approvers (Teams user-specific views)', () => {
  const refreshOf = (card: AdaptiveCard): Record<string, unknown> | undefined => card['refresh'] as Record<string, unknown> | undefined;

  it('asks Teams to fetch the approver view for the listed users with refreshApproval and the request id', () => {
    const card = approvalCard('en', approvalRequest(), 'readOnly', { refreshUserIds: ['29:a', '29:b'] });
    assert.deepEqual(refreshOf(card), {
      action: { type: 'Action.Execute', verb: VERBS.refreshApproval, data: { requestId: ID } },
      userIds: ['29:a', '29:b'],
    });
  });

  it('has no refresh without user ids', () => {
    assert.equal(refreshOf(approvalCard('en', approvalRequest(), 'readOnly')), undefined);
    assert.equal(refreshOf(approvalCard('en', approvalRequest(), 'readOnly', { refreshUserIds: [] })), undefined);
    assert.equal(refreshOf(approvalCard('en', approvalRequest(), 'readOnly', { refreshUserIds: [' ', ''] })), undefined);
  });

  it('never lists more than 60 users, and no one twice', () => {
    const ids = Array.from({ length: 75 }, (_, i) => `29:user-${i % 70}`);
    const userIds = refreshOf(approvalCard('en', approvalRequest(), 'readOnly', { refreshUserIds: ids }))?.['userIds'] as string[];
    assert.equal(userIds.length, MAX_REFRESH_USER_IDS);
    assert.equal(new Set(userIds).size, userIds.length);
  });

  it('is left off a decided card', () => {
    for (const state of REQUEST_STATES.filter((s) => s !== 'awaiting_approval')) {
      assert.equal(refreshOf(approvalCard('en', decidedRequest(state), 'approver', { refreshUserIds: ['29:a'] })), undefined, state);
    }
  });
});

describe('when a decision cannot be recorded', () => {
  it('words each reason differently, in both languages', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      assert.equal(new Set(APPROVAL_PROBLEMS.map((kind) => approvalProblemText(locale, kind))).size, APPROVAL_PROBLEMS.length);
    }
    assert.equal(approvalProblemText('en', 'ownRequest'), 'You cannot approve or reject your own request.');
  });

  it('shows the sentence above the request as it stands now, without buttons', () => {
    const card = approvalProblemCard('en', 'alreadyDecided', decidedRequest('rejected'));
    assert.match(allText(card), /^Someone already decided on this request\.\nPIN reset rejected\nRejected by Carol Wu/);
    assert.deepEqual(buttons(card), []);
    const waiting = approvalProblemCard('en', 'notApprover', approvalRequest());
    assert.deepEqual(executeActions(waiting), []);
  });

  it('shows just the sentence when there is no request to show', () => {
    const card = approvalProblemCard('zh-TW', 'notFound');
    assert.match(allText(card), /找不到這個申請了/);
    assert.deepEqual(buttons(card), []);
  });
});

describe('asking the manager to decide (MANAGER_APPROVAL)', () => {
  it('sends the manager the approval card with its buttons', () => {
    const request = approvalRequest({ approver: 'manager' });
    assert.deepEqual(managerNoticeCard('en', request, 'approvalNeeded'), approvalCard('en', request, 'approver', {}));
    assert.deepEqual(
      executeActions(managerNoticeCard('en', request, 'approvalNeeded')).map((action) => action['verb']),
      [VERBS.approveRequest, VERBS.rejectRequest],
    );
  });
});
