// Runtime lists of the domain's string unions, so a store can check what it reads back.
// The domain declares these as types only; `everyMemberOf` turns a forgotten member into a
// compile error here, so a new state or platform cannot be silently rejected on read.
import type { ConversationKind, OutboxFailureReason, OutboxState } from '../notify/ports';
import type { ApproverKind, FailureReason, ManagerNotice, RequestAction, RequestPatch, RequestState } from '../reset/request';

type MissingMembers<T, A extends readonly T[]> = Exclude<T, A[number]>;

/** `everyMemberOf<U>()([...])` compiles only when the list names every member of `U`. */
export function everyMemberOf<T extends string>() {
  return <const A extends readonly [T, ...T[]]>(
    values: A & ([MissingMembers<T, A>] extends [never] ? unknown : { missing: MissingMembers<T, A> }),
  ): A => values;
}

export const REQUEST_STATES = everyMemberOf<RequestState>()([
  'awaiting_confirmation',
  'awaiting_approval',
  'approved',
  'executing',
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
  'expired',
]);

export const OFFERED_ACTIONS = everyMemberOf<RequestAction>()(['removePasscode', 'resetPasscode', 'resetWorkProfilePasscode', 'revealRecoveryKey']);

export { PLATFORM_KINDS } from '../intune/device';

export const FAILURE_REASONS = everyMemberOf<FailureReason>()([
  'deviceNotOwned',
  'deviceGone',
  'deviceNoLongerEligible',
  'actionFailed',
  'actionNotSupported',
  'actionCanceled',
  'actionNotConfirmed',
  'timedOut',
  'graphPermissionMissing',
  'graphUnavailable',
]);

export const CONVERSATION_KINDS = everyMemberOf<ConversationKind>()(['personal', 'groupChat', 'channel']);

export const OUTBOX_STATES = everyMemberOf<OutboxState>()(['pending', 'delivered', 'failed']);

export const OUTBOX_FAILURE_REASONS = everyMemberOf<OutboxFailureReason>()([
  'notFound',
  'forbidden',
  'permanent',
  'botNotInstalled',
  'installNotPermitted',
  'attemptsExhausted',
  'originalNotDelivered',
]);

export const APPROVER_KINDS = everyMemberOf<ApproverKind>()(['helpdesk', 'manager']);

export const MANAGER_NOTICES = everyMemberOf<ManagerNotice>()(['pending', 'notified', 'noManager', 'notNotified']);

/** Every field a RequestPatch may change, so a store copies exactly these and nothing else. */
export const PATCH_FIELDS = everyMemberOf<keyof RequestPatch>()([
  'cardActivityId',
  'actionSentAt',
  'nextCheckAt',
  'failureReason',
  'hidePasscodeAt',
  'passcodeActivityId',
  'approver',
  'expiresAt',
  'decidedBy',
  'decidedByName',
  'decisionNote',
  'managerId',
  'managerName',
  'managerNotice',
]);
