// Every screen of the approval flow worth rendering: the approval card in each state and view,
// the requester's side, the passcode message, the manager's notices and the channel commands.
import type { ApprovalProblemKind, ManagerEvent } from '../../../src/cards';
import * as cards from '../../../src/cards';
import type { Locale } from '../../../src/i18n';
import type { ManagerNotice, RequestState } from '../../../src/reset/request';
import { approvalRequest, auditTrail, decidedRequest, NOW, person, request, snapshot, workProfileRequest } from './samples';
import type { Rendered } from './variants';

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

export const MANAGER_EVENTS = keysOf<ManagerEvent>({
  requested: 0, approvalNeeded: 0, succeeded: 0, failed: 0, rejected: 0, expired: 0, cancelled: 0,
});
export const APPROVAL_PROBLEMS = keysOf<ApprovalProblemKind>({
  notApprover: 0, ownRequest: 0, alreadyDecided: 0, expired: 0, notFound: 0, directoryUnavailable: 0,
});
export const MANAGER_NOTICES = keysOf<ManagerNotice>({ pending: 0, notified: 0, noManager: 0, notNotified: 0 });
export const VIEWS = ['approver', 'readOnly'] as const;
const REFRESH = { refreshUserIds: ['29:helpdesk-1', '29:helpdesk-2'], now: NOW };

export function approvalFlowCards(locale: Locale, states: readonly RequestState[]): Rendered[] {
  return [
    ...states.flatMap((state) =>
      VIEWS.map((view): Rendered => [`approval ${state} ${view}`, () => cards.approvalCard(locale, decidedRequest(state), view, REFRESH)]),
    ),
    ['approval by the manager', () => cards.approvalCard(locale, approvalRequest({ approver: 'manager' }), 'readOnly', REFRESH)],
    ['approval by an unnamed manager', () => cards.approvalCard(locale, approvalRequest({ approver: 'manager', managerName: null }), 'readOnly')],
    ...MANAGER_NOTICES.map((notice): Rendered => [`approval, manager ${notice}`, () => cards.approvalCard(locale, approvalRequest({ managerNotice: notice }), 'approver')]),
    ['approval of a work profile reset', () => cards.approvalCard(locale, workProfileRequest({ state: 'awaiting_approval', approver: 'helpdesk' }), 'approver')],
    ['approval of a fully managed reset', () => cards.approvalCard(locale, approvalRequest({ action: 'resetPasscode', device: snapshot('android-fully-managed') }), 'approver')],
    ['approval failed on an Apple device', () => cards.approvalCard(locale, decidedRequest('failed', { failureReason: 'actionFailed' }), 'readOnly')],
    ['approval without expiry', () => cards.approvalCard(locale, approvalRequest({ expiresAt: null }), 'approver')],
    ...APPROVAL_PROBLEMS.flatMap((kind): Rendered[] => [
      [`approval problem ${kind}`, () => cards.approvalProblemCard(locale, kind)],
      [`approval problem ${kind} with the request`, () => cards.approvalProblemCard(locale, kind, decidedRequest('approved'))],
    ]),
    ['not for you', () => cards.notForYouCard(locale)],
    ['helpdesk command elsewhere', () => cards.helpdeskCommandElsewhereCard(locale)],
    ['progress waiting for the helpdesk', () => cards.progressCard(locale, approvalRequest())],
    ['progress waiting for the manager', () => cards.progressCard(locale, approvalRequest({ approver: 'manager' }))],
    ['outcome rejected with a reason', () => cards.outcomeCard(locale, decidedRequest('rejected'))],
    ['outcome expired undecided', () => cards.outcomeCard(locale, approvalRequest({ state: 'expired' }))],
    ['outcome, passcode in the next message', () => cards.outcomeCard(locale, workProfileRequest({ state: 'succeeded' }), { passcodeInSeparateMessage: true })],
    ['passcode message', () => cards.passcodeCard(locale, workProfileRequest({ state: 'succeeded' }), '4827-1934')],
    ['passcode message, device', () => cards.passcodeCard(locale, request({ state: 'succeeded', action: 'resetPasscode', device: snapshot('android-device-admin') }), '48271934')],
    ['passcode message, hidden', () => cards.passcodeCard(locale, workProfileRequest({ state: 'succeeded' }), null)],
    ...MANAGER_EVENTS.map((event): Rendered => [`manager notice ${event}`, () => cards.managerNoticeCard(locale, decidedRequest(event === 'requested' || event === 'approvalNeeded' ? 'awaiting_approval' : event), event)]),
    ['manager notice, self-service request', () => cards.managerNoticeCard(locale, request({ state: 'approved' }), 'requested')],
    ['pending, none', () => cards.pendingCard(locale, [])],
    ['pending', () => cards.pendingCard(locale, [
      { request: approvalRequest(), threadUrl: 'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000' },
      { request: approvalRequest({ id: 'r-2', approver: 'manager' }), threadUrl: null },
    ])],
    ['pending, more than shown', () => cards.pendingCard(locale, Array.from({ length: 25 }, (_, i) => ({ request: approvalRequest({ id: `r-${i}` }), threadUrl: null })))],
    ['history, nobody found', () => cards.historyCard(locale, 'zed', [], [])],
    ['history, several people', () => cards.historyCard(locale, 'al', [person(), person({ id: 'x', displayName: 'Alan Ho', userPrincipalName: 'alan@contoso.example' })], [])],
    ['history, no requests', () => cards.historyCard(locale, 'alice@contoso.example', [person()], [])],
    ['history', () => cards.historyCard(locale, 'alice@contoso.example', [person()], [
      { request: decidedRequest('succeeded'), audit: auditTrail('0e9d8c7b-0000-4000-8000-0000000000aa') },
      { request: request({ id: 'r-old', state: 'cancelled' }), audit: [] },
    ])],
    ...(['set', 'notMember', 'notChannel'] as const).map((outcome): Rendered => [`approval channel ${outcome}`, () => cards.approvalChannelSetCard(locale, outcome)]),
  ];
}
