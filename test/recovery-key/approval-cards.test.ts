// What the cards of RECOVERY_KEY_POLICY=approval say and never say, in en and zh-TW. The schema of
// every one of them is checked with all other cards (test/cards/every-card.test.ts, through
// test/cards/support/recovery-key-approval-variants.ts, against the vendored Adaptive Card 1.5 schema).
import assert from 'node:assert/strict';
import { approvalCard, historyCard, pendingCard, recoveryKeyRequestCard } from '../../src/cards';
import { LOCALES } from '../../src/i18n';
import { buttonsOf, textOf } from '../e2e/cards';
import { schemaErrors } from '../cards/support/card-json';
import { recoveryKeyApprovalCards, recoveryKeyAudit, recoveryKeyRequest, RK_STATES } from '../cards/support/recovery-key-approval-variants';
import { person } from '../cards/support/samples';
import { PC } from '../cards/support/recovery-key-variants';

const TITLE = { en: `BitLocker recovery key for ${PC.deviceName}`, 'zh-TW': `${PC.deviceName} 的 BitLocker 修復金鑰` } as const;

describe('the cards of a recovery-key approval', () => {
  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      it('titles the helpdesk card “BitLocker recovery key for <device>” in every state, never as a PIN reset', () => {
        for (const state of RK_STATES) {
          for (const view of ['approver', 'readOnly'] as const) {
            const card = approvalCard(locale, recoveryKeyRequest(state), view, {});
            const [title] = textOf(card['body']).split('\n');
            assert.ok(title?.startsWith(TITLE[locale]), `${state} ${view}: ${title}`);
            assert.doesNotMatch(String(card['fallbackText']), /PIN|重設/, `${state} ${view} fallback`);
            assert.match(String(card['fallbackText']), /BitLocker/);
          }
        }
      });

      it('offers approve and reject only while waiting, each carrying the request id alone', () => {
        const waiting = approvalCard(locale, recoveryKeyRequest('awaiting_approval'), 'approver', {});
        const decide = buttonsOf(waiting).filter((b) => b.verb === 'approveRequest' || b.verb === 'rejectRequest');
        assert.deepEqual(decide.map((b) => b.data), [{ requestId: recoveryKeyRequest('awaiting_approval').id }, { requestId: recoveryKeyRequest('awaiting_approval').id }]);
        for (const state of RK_STATES.filter((s) => s !== 'awaiting_approval')) {
          assert.deepEqual(buttonsOf(approvalCard(locale, recoveryKeyRequest(state), 'approver', {})), [], state);
        }
      });

      it('holds no recovery key and no Key ID on any screen, the requester’s included', () => {
        for (const [name, render] of recoveryKeyApprovalCards(locale)) {
          const json = JSON.stringify(render());
          assert.doesNotMatch(json, /\d{6}(-\d{6}){7}/, name);
          if (!name.includes('Key ID') && !name.includes('sign in')) assert.doesNotMatch(json, /0BADC0DE|C0FFEE42/i, name);
        }
      });

      it('names the request as a recovery key in `pending` and `history`, with who approved and that a key was shown', () => {
        const pending = textOf(pendingCard(locale, [{ request: recoveryKeyRequest('awaiting_approval'), threadUrl: null }]));
        assert.match(pending, locale === 'en' ? /read the BitLocker recovery key/ : /BitLocker 修復金鑰/);
        const history = textOf(historyCard(locale, 'alice@contoso.example', [person()], [{ request: recoveryKeyRequest('succeeded'), audit: recoveryKeyAudit() }]));
        assert.match(history, locale === 'en' ? /BitLocker recovery key requested[\s\S]*Approved[\s\S]*Recovery key shown to the requester/ : /已申請 BitLocker 修復金鑰[\s\S]*已向申請人顯示修復金鑰/);
        assert.match(history, /Carol Wu/);
      });

      it('gives the requester Show key only once approved, and never before', () => {
        for (const state of RK_STATES) {
          const verbs = buttonsOf(recoveryKeyRequestCard(locale, recoveryKeyRequest(state))).map((b) => b.verb);
          assert.equal(verbs.includes('showApprovedRecoveryKey'), state === 'approved', state);
        }
        const approved = recoveryKeyRequestCard(locale, recoveryKeyRequest('approved'));
        assert.equal(schemaErrors(approved), '');
        assert.match(textOf(approved), /Carol Wu/);
      });
    });
  }
});
