import assert from 'node:assert/strict';
import {
  approvalCard,
  approvalProblemCard,
  historyCard,
  managerNoticeCard,
  outcomeCard,
  passcodeCard,
  pendingCard,
  plainText,
  progressCard,
  type AdaptiveCard,
} from '../../src/cards';
import { LOCALES, type Locale } from '../../src/i18n';
import type { ResetRequest } from '../../src/reset/request';
import { MANAGER_EVENTS, VIEWS } from './support/approval-variants';
import { objectsIn, stringsIn, visibleTexts } from './support/card-json';
import { activeMarkup, displayedAs, withoutCardDates } from './support/markdown';
import { auditTrail, decidedRequest, HOSTILE_NAMES, person, snapshot } from './support/samples';
import { REQUEST_STATES } from './support/variants';

const EVIL_REASON = '[x](https://evil.example) ${requester} **b**';

/** Shown literally: some visible text reads as `expected` (possibly inside a sentence) with no live markup. */
function assertShownLiterally(card: AdaptiveCard, expected: string): void {
  const shown = visibleTexts(card).filter((text) => displayedAs(text).includes(expected));
  assert.ok(shown.length > 0, `not shown literally: ${JSON.stringify(visibleTexts(card))}`);
  for (const text of shown) assert.deepEqual(activeMarkup(text), [], text);
}

function assertInert(card: AdaptiveCard): void {
  assert.deepEqual(objectsIn(card).filter((item) => 'url' in item), []);
  assert.deepEqual(stringsIn(card).map(withoutCardDates).filter((text) => text.includes('${') || text.includes('{{')), []);
}

describe('names of people and rejection reasons are shown literally', () => {
  it(`shows the rejection reason ${JSON.stringify(EVIL_REASON)} exactly as typed, to the helpdesk, the requester and the manager`, () => {
    const rejected = decidedRequest('rejected', { decisionNote: EVIL_REASON });
    for (const card of [
      approvalCard('en', rejected, 'readOnly'),
      approvalCard('zh-TW', rejected, 'approver'),
      outcomeCard('en', rejected),
      managerNoticeCard('zh-TW', rejected, 'rejected'),
    ]) {
      assertShownLiterally(card, EVIL_REASON);
      assertInert(card);
    }
  });

  for (const name of HOSTILE_NAMES) {
    describe(`a person named ${JSON.stringify(name)}`, () => {
      const literal = plainText(name, 80);
      const named = decidedRequest('rejected', { requesterName: name, decidedByName: name, managerName: name });

      it('appears literally as requester, decider and manager on the approval card', () => {
        const waiting = approvalCard('en', { ...named, state: 'awaiting_approval' }, 'readOnly');
        assert.ok(visibleTexts(waiting).some((text) => displayedAs(text) === literal && activeMarkup(text).length === 0));
        assertShownLiterally(approvalCard('en', named, 'readOnly'), `Rejected by ${literal}.`);
        assertShownLiterally(approvalCard('en', { ...named, state: 'awaiting_approval', approver: 'manager' }, 'readOnly'), literal);
        assertInert(approvalCard('en', named, 'readOnly'));
      });

      it('appears literally in the requester’s and the manager’s messages', () => {
        assertShownLiterally(outcomeCard('zh-TW', named), literal);
        assertShownLiterally(progressCard('en', { ...named, state: 'awaiting_approval', approver: 'manager' }), literal);
        assertShownLiterally(managerNoticeCard('en', named, 'requested'), `${literal} asked to reset`);
        assertInert(managerNoticeCard('en', named, 'rejected'));
      });

      it('appears literally in the pending list and the history', () => {
        assertShownLiterally(pendingCard('en', [{ request: named, threadUrl: null }]), literal);
        const history = historyCard('en', name, [person({ displayName: name }), person({ id: 'x' })], []);
        assertShownLiterally(history, `"${plainText(name, 100)}"`);
        assertShownLiterally(history, literal);
        const trail = historyCard('en', 'alice', [person({ displayName: name })], [{ request: named, audit: auditTrail(named.id) }]);
        assertShownLiterally(trail, `${literal} (requester)`);
        assertInert(trail);
      });
    });
  }
});

describe('fallback texts (shown in notifications and previews)', () => {
  const SECRET = '48271934';
  const MARK = 'Zebedee';
  const hostile: Partial<ResetRequest> = {
    requesterName: `${MARK} requester`,
    decidedByName: `${MARK} decider`,
    managerName: `${MARK} manager`,
    decisionNote: `${MARK} reason ${SECRET}`,
    device: snapshot('android-work-profile', { deviceName: `${MARK} phone`, model: `${MARK} model` }),
    action: 'resetWorkProfilePasscode',
  };

  function everyFallback(locale: Locale): Array<[string, AdaptiveCard]> {
    return [
      ...REQUEST_STATES.flatMap((state) =>
        VIEWS.map((view): [string, AdaptiveCard] => [`approval ${state} ${view}`, approvalCard(locale, decidedRequest(state, hostile), view, { refreshUserIds: ['29:a'] })]),
      ),
      ...MANAGER_EVENTS.map((event): [string, AdaptiveCard] => [`manager ${event}`, managerNoticeCard(locale, decidedRequest('rejected', hostile), event)]),
      ['passcode', passcodeCard(locale, decidedRequest('succeeded', hostile), SECRET)],
      ['passcode hidden', passcodeCard(locale, decidedRequest('succeeded', hostile), null)],
      ['outcome, separate passcode', outcomeCard(locale, decidedRequest('succeeded', hostile), { passcode: SECRET, passcodeInSeparateMessage: true })],
      ['outcome rejected', outcomeCard(locale, decidedRequest('rejected', hostile))],
      ['progress', progressCard(locale, decidedRequest('awaiting_approval', hostile))],
      ['pending', pendingCard(locale, [{ request: decidedRequest('awaiting_approval', hostile), threadUrl: null }])],
      ['history', historyCard(locale, `${MARK} query`, [person({ displayName: `${MARK} person` })], [{ request: decidedRequest('rejected', hostile), audit: [] }])],
      ['history, nobody', historyCard(locale, `${MARK} query`, [], [])],
      ['approval problem', approvalProblemCard(locale, 'alreadyDecided', decidedRequest('rejected', hostile))],
    ];
  }

  for (const locale of LOCALES) {
    it(`never carry a name, device, reason, query or passcode (${locale})`, () => {
      for (const [name, card] of everyFallback(locale)) {
        const fallback = card['fallbackText'];
        assert.ok(typeof fallback === 'string' && fallback.trim() !== '', name);
        assert.ok(!fallback.includes(MARK) && !fallback.includes(SECRET), `${name}: ${fallback}`);
      }
    });
  }
});
