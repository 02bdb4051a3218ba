// Every screen of RECOVERY_KEY_POLICY=approval (src/cards/recovery-key-approval.ts and the approval
// card of a recovery-key request), from complete lists of the states, views and problems.
import * as cards from '../../../src/cards';
import type { Locale } from '../../../src/i18n';
import type { RequestState, ResetRequest } from '../../../src/reset/request';
import { PC } from './recovery-key-variants';
import { APPROVER_ID, decidedRequest, person, REQUESTER_ID, snapshot } from './samples';
import type { Rendered } from './variants';

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

export const RK_STATES = keysOf<RequestState>({
  awaiting_confirmation: 0, awaiting_approval: 0, approved: 0, executing: 0,
  succeeded: 0, failed: 0, rejected: 0, cancelled: 0, expired: 0,
});

const PROBLEMS: Record<cards.RecoveryKeyApprovalProblem['kind'], cards.RecoveryKeyApprovalProblem> = {
  noApprovalChannel: { kind: 'noApprovalChannel' },
  deviceBusy: { kind: 'deviceBusy' },
  tooManyRequests: { kind: 'tooManyRequests', limit: 3, retryAt: '2026-03-16T09:00:00.000Z' },
  requestNotFound: { kind: 'requestNotFound' },
  notYourRequest: { kind: 'notYourRequest' },
};

/** A recovery-key request of the sample PC, in `state`, as the helpdesk left it. */
export function recoveryKeyRequest(state: RequestState, overrides: Partial<ResetRequest> = {}): ResetRequest {
  const decided = state !== 'awaiting_approval' && state !== 'awaiting_confirmation' && state !== 'cancelled';
  return decidedRequest(state, {
    action: 'revealRecoveryKey',
    device: snapshot('windows', { deviceId: PC.id, deviceName: PC.deviceName, model: PC.model, osVersion: PC.osVersion }),
    managerId: null,
    managerName: null,
    managerNotice: null,
    actionSentAt: null,
    ...(decided ? {} : { decidedBy: null, decidedByName: null }),
    ...overrides,
  });
}

export function recoveryKeyApprovalCards(locale: Locale): Rendered[] {
  const approved = recoveryKeyRequest('approved');
  return [
    ['recovery key: ask the helpdesk', () => cards.recoveryKeyApprovalAskCard(locale, PC)],
    ...RK_STATES.map((state): Rendered => [`recovery key request ${state}`, () => cards.recoveryKeyRequestCard(locale, recoveryKeyRequest(state))]),
    ['recovery key request approved, invalid Key ID', () => cards.recoveryKeyRequestCard(locale, approved, { kind: 'invalidKeyId' })],
    ['recovery key request approved, wrong Key ID', () => cards.recoveryKeyRequestCard(locale, approved, { kind: 'wrongKeyId', attemptsLeft: 2 }, '0badc0de')],
    ['recovery key request approved, sign in', () => cards.recoveryKeyRequestCard(locale, approved, { kind: 'signIn', signInLink: 'https://token.botframework.com/api/oauth/signin?signin=abc', maxAgeMs: 300_000 }, 'c0ffee42')],
    ['recovery key request approved, sign-in unavailable', () => cards.recoveryKeyRequestCard(locale, approved, { kind: 'signIn', signInLink: undefined, maxAgeMs: 300_000 })],
    ['recovery key request expired after approval', () => cards.recoveryKeyRequestCard(locale, recoveryKeyRequest('expired'))],
    ...RK_STATES.flatMap((state) =>
      (['approver', 'readOnly'] as const).map((view): Rendered => [`recovery key approval ${state} ${view}`, () => cards.approvalCard(locale, recoveryKeyRequest(state), view, {})]),
    ),
    ...Object.values(PROBLEMS).map((problem): Rendered => [`recovery key approval problem ${problem.kind}`, () => cards.recoveryKeyApprovalProblemCard(locale, problem)]),
    ['history of a recovery-key request', () => cards.historyCard(locale, 'alice@contoso.example', [person()], [{ request: recoveryKeyRequest('succeeded'), audit: recoveryKeyAudit() }])],
    ['pending recovery-key request', () => cards.pendingCard(locale, [{ request: recoveryKeyRequest('awaiting_approval'), threadUrl: null }])],
  ];
}

/** The audit trail RecoveryKeyApprovals and Approvals write for a key that was shown. */
export function recoveryKeyAudit() {
  const requestId = recoveryKeyRequest('succeeded').id;
  return [
    { requestId, at: '2026-03-15T09:00:00Z', actor: REQUESTER_ID, event: 'recoveryKeyRequested', detail: `BitLocker recovery key of ${PC.deviceName} (${PC.id}); needs helpdesk approval` },
    { requestId, at: '2026-03-15T09:05:00Z', actor: APPROVER_ID, event: 'approved', detail: 'by helpdesk' },
    { requestId, at: '2026-03-15T09:07:00Z', actor: 'system', event: 'succeeded', detail: 'ok' },
    { requestId, at: '2026-03-15T09:07:00Z', actor: REQUESTER_ID, event: 'recoveryKeyShown', detail: `key of ${PC.deviceName} (${PC.id}) shown in the requester's personal chat` },
  ];
}
