import assert from 'node:assert/strict';
import { approvalChannelSetCard, historyCard, MAX_HISTORY_SHOWN, MAX_PENDING_SHOWN, pendingCard } from '../../src/cards';
import type { AuditEntry } from '../../src/reset/request';
import { allText, executeActions, objectsIn } from './support/card-json';
import { approvalRequest, auditTrail, decidedRequest, person, request } from './support/samples';

const THREAD = 'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000?groupId=g&parentMessageId=1700000000000';
const openUrls = (card: object): unknown[] => objectsIn(card).filter((item) => item['type'] === 'Action.OpenUrl').map((action) => action['url']);

describe('"pending" in the helpdesk channel', () => {
  it('lists each waiting request with requester, device, expiry, a Review button and a link to its thread', () => {
    const card = pendingCard('en', [{ request: approvalRequest(), threadUrl: THREAD }]);
    const text = allText(card);
    assert.match(text, /^Waiting for approval\nAlice Chen\nDevice\nAlice ios/);
    assert.match(text, /Expires\n\{\{DATE\(2026-03-16T09:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-16T09:00:00Z\)\}\}/);
    assert.deepEqual(openUrls(card), [THREAD]);
    assert.match(JSON.stringify(card), /"title":"Open thread"/);
    // Review carries only the request id; the server answers with the approval card for the clicker.
    assert.deepEqual(executeActions(card), [
      { type: 'Action.Execute', title: 'Review', verb: 'refreshApproval', data: { requestId: approvalRequest().id } },
    ]);
  });

  it('offers no link for a thread address that is not https', () => {
    for (const threadUrl of ['http://teams.microsoft.com/l/message/1', 'javascript:alert(1)', 'not a url', '', null]) {
      assert.deepEqual(openUrls(pendingCard('en', [{ request: approvalRequest(), threadUrl }])), [], String(threadUrl));
    }
  });

  it('says so when nothing is waiting', () => {
    assert.match(allText(pendingCard('en', [])), /No PIN reset requests are waiting for approval/);
    assert.match(allText(pendingCard('zh-TW', [])), /目前沒有等待核准的 PIN 重設申請/);
  });

  it('shows at most 20 requests and says how many there are', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ request: approvalRequest({ id: `r-${i}` }), threadUrl: null }));
    const card = pendingCard('en', items);
    assert.equal(objectsIn(card).filter((item) => item['separator'] === true).length, MAX_PENDING_SHOWN);
    assert.match(allText(card), /Showing 20 of 23 requests/);
  });
});

describe('"history <name or email>" in the helpdesk channel', () => {
  const trailOf = (entries: AuditEntry[]): string =>
    allText(historyCard('en', 'alice@contoso.example', [person()], [{ request: decidedRequest('succeeded'), audit: entries }]));

  it('shows each request with its audit trail: time in the reader’s zone, event in words, and who did it', () => {
    const text = trailOf(auditTrail(decidedRequest('succeeded').id));
    assert.match(text, /Requests of Alice Chen \(alice@contoso\.example\)/);
    assert.match(text, /\{\{DATE\(2026-03-15T09:01:00Z, SHORT\)\}\} \{\{TIME\(2026-03-15T09:01:00Z\)\}\}\nConfirmed · Alice Chen \(requester\) · needs helpdesk approval/);
    assert.match(text, /\{\{DATE\(2026-03-15T09:20:00Z, SHORT\)\}\} \{\{TIME\(2026-03-15T09:20:00Z\)\}\}\nApproved · Carol Wu \(decided\) · by helpdesk/);
    assert.match(text, /\{\{DATE\(2026-03-15T09:30:00Z, SHORT\)\}\} \{\{TIME\(2026-03-15T09:30:00Z\)\}\}\nSent to Intune · system · sent/);
  });

  it('shows an event it does not know as written, and a person the request does not name as "another user"', () => {
    const entry: AuditEntry = { requestId: 'x', at: '2026-03-15T10:00:00Z', actor: 'd4d4d4d4-0000-4000-8000-00000000000d', event: 'somethingNew', detail: '' };
    assert.match(trailOf([entry]), /\{\{DATE\(2026-03-15T10:00:00Z, SHORT\)\}\} \{\{TIME\(2026-03-15T10:00:00Z\)\}\}\nsomethingNew · another user$/m);
  });

  it('recognises the requester by id whatever the case of the GUID', () => {
    const entry: AuditEntry = { requestId: 'x', at: '2026-03-15T10:00:00Z', actor: 'A1A1A1A1-0000-4000-8000-00000000000A', event: 'cancelled', detail: '' };
    assert.match(trailOf([entry]), /Cancelled · Alice Chen \(requester\)/);
  });

  it('shows audit details literally', () => {
    const entry: AuditEntry = { requestId: 'x', at: '2026-03-15T10:00:00Z', actor: 'system', event: 'failed', detail: '[x](https://evil.example)' };
    const card = historyCard('en', 'alice', [person()], [{ request: decidedRequest('failed'), audit: [entry] }]);
    assert.deepEqual(openUrls(card), []);
    assert.match(allText(card), /Failed · system · \\\[x\\\]\(https:\u200B\/\/evil\.example\)/);
  });

  it('says nobody matches, showing the query literally', () => {
    const text = allText(historyCard('en', '**zed**', [], []));
    assert.match(text, /Nobody in Entra ID matches "\\\*\\\*zed\\\*\\\*"/);
  });

  it('lists several matching people with their email addresses so the helpdesk can pick one', () => {
    const people = [person(), person({ id: 'x', displayName: 'Alan Ho', userPrincipalName: 'alan@contoso.example' })];
    const text = allText(historyCard('zh-TW', 'al', people, []));
    assert.match(text, /有好幾個人符合「al」/);
    assert.match(text, /Alice Chen\nalice@contoso\.example\nAlan Ho\nalan@contoso\.example/);
  });

  it('says when the person has no requests', () => {
    assert.match(allText(historyCard('en', 'alice', [person()], [])), /Alice Chen has no PIN reset requests/);
  });

  it('shows at most the latest 10 requests and says how many there are', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ request: request({ id: `r-${i}` }), audit: [] }));
    const card = historyCard('en', 'alice', [person()], items);
    assert.equal(objectsIn(card).filter((item) => item['separator'] === true).length, MAX_HISTORY_SHOWN);
    assert.match(allText(card), /Showing the latest 10 of 12 requests/);
  });
});

describe('"use this channel for approvals"', () => {
  it('confirms the channel, or says why it was not changed, in both languages', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const texts = (['set', 'notMember', 'notChannel'] as const).map((outcome) => allText(approvalChannelSetCard(locale, outcome)));
      assert.equal(new Set(texts).size, 3);
    }
    assert.match(allText(approvalChannelSetCard('en', 'set')), /posted in this channel\. Only members of the helpdesk group/);
    assert.match(allText(approvalChannelSetCard('zh-TW', 'notMember')), /只有服務台群組的成員可以選擇核准頻道/);
    assert.match(allText(approvalChannelSetCard('en', 'notChannel')), /channel of the helpdesk team/);
  });
});
