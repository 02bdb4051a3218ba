import type { OfferedAction, PlatformKind } from '../intune/device';

/**
 * The lifecycle of one reset request, persisted in the store:
 * awaiting_confirmation → (awaiting_approval →) approved → executing → succeeded | failed,
 * plus rejected, cancelled, expired. Every move is a compare-and-set on `version`.
 */
export type RequestState =
  | 'awaiting_confirmation'
  | 'awaiting_approval'
  | 'approved'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired';

export const OPEN_STATES: readonly RequestState[] = ['awaiting_confirmation', 'awaiting_approval', 'approved', 'executing'];
export const FINAL_STATES: readonly RequestState[] = ['succeeded', 'failed', 'rejected', 'cancelled', 'expired'];

const NEXT: Record<RequestState, readonly RequestState[]> = {
  awaiting_confirmation: ['awaiting_approval', 'approved', 'cancelled', 'expired', 'failed'],
  awaiting_approval: ['approved', 'rejected', 'cancelled', 'expired'],
  // A recovery-key approval (action revealRecoveryKey) ends without `executing`: the key is shown
  // (succeeded) or the approval lapses unused (expired). src/recovery-key/approval.ts.
  approved: ['executing', 'succeeded', 'failed', 'expired'],
  executing: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  rejected: [],
  cancelled: [],
  expired: [],
};

export function canMove(from: RequestState, to: RequestState): boolean {
  return NEXT[from].includes(to);
}

export function isOpen(state: RequestState): boolean {
  return OPEN_STATES.includes(state);
}

/** Why a request ended as failed; worded for people in one place (src/i18n). */
export type FailureReason =
  | 'deviceNotOwned'
  | 'deviceGone'
  | 'deviceNoLongerEligible'
  | 'actionFailed'
  | 'actionNotSupported'
  | 'actionCanceled'
  | 'actionNotConfirmed'
  | 'timedOut'
  | 'graphPermissionMissing'
  | 'graphUnavailable';

/** A snapshot of the device taken when the request was offered, for display only; never trusted for decisions. */
export interface DeviceSnapshot {
  deviceId: string;
  deviceName: string;
  model: string;
  operatingSystem: string;
  osVersion: string;
  ownerType: string;
  lastSyncDateTime: string;
  platform: PlatformKind;
}

/**
 * What a request asks for: one of Intune's passcode actions, or (RECOVERY_KEY_POLICY=approval)
 * the helpdesk's approval before the requester may read their PC's BitLocker recovery key. The
 * latter never reaches the ActionExecutor: no Graph action is sent for it.
 */
export type RequestAction = OfferedAction | 'revealRecoveryKey';

/** Whether a request is a recovery-key approval rather than a passcode action. */
export function isRecoveryKeyRequest(request: Pick<ResetRequest, 'action'>): request is ResetRequest & { action: 'revealRecoveryKey' } {
  return request.action === 'revealRecoveryKey';
}

export interface ResetRequest {
  id: string;
  version: number;
  state: RequestState;
  tenantId: string;
  requesterId: string;
  requesterName: string;
  locale: string;
  device: DeviceSnapshot;
  action: RequestAction;
  createdAt: string;
  updatedAt: string;
  /** The personal chat the request lives in and the card to update there. */
  conversationId: string;
  cardActivityId: string | null;
  /** Set (before the POST) when the request moves to executing. */
  actionSentAt: string | null;
  /** Next time the follow-up should look at the device's action results. */
  nextCheckAt: string | null;
  failureReason: FailureReason | null;
  /** When a shown temporary passcode must be hidden from the card (the passcode itself is never stored). */
  hidePasscodeAt: string | null;
  /** The separate personal-chat message that shows the temporary passcode, so it can be hidden later. */
  passcodeActivityId: string | null;
  /** Who must approve before anything is sent: null for self-service. Fixed when the request is confirmed. */
  approver: ApproverKind | null;
  /** An approval request lapses at this time (APPROVAL_TTL after confirmation). */
  expiresAt: string | null;
  /** Who approved or rejected (Entra object id and display name), and the reason given for a rejection. */
  decidedBy: string | null;
  decidedByName: string | null;
  /** Free text typed by a person: untrusted, shown escaped, never used for decisions. */
  decisionNote: string | null;
  /** The requester's manager when the request was confirmed (null: none found or not looked up). */
  managerId: string | null;
  managerName: string | null;
  managerNotice: ManagerNotice | null;
}

export type ApproverKind = 'helpdesk' | 'manager';

/** What happened to the manager notification, for the helpdesk card and the audit. */
export type ManagerNotice = 'pending' | 'notified' | 'noManager' | 'notNotified';

/** What a new request holds in every field a later step fills in: nothing has happened yet. */
export const NOTHING_HAPPENED_YET: Required<RequestPatch> = {
  cardActivityId: null,
  actionSentAt: null,
  nextCheckAt: null,
  failureReason: null,
  hidePasscodeAt: null,
  passcodeActivityId: null,
  approver: null,
  expiresAt: null,
  decidedBy: null,
  decidedByName: null,
  decisionNote: null,
  managerId: null,
  managerName: null,
  managerNotice: null,
};

/** Fields a transition may change; id, tenant, requester and device never change. */
export type RequestPatch = Partial<
  Pick<
    ResetRequest,
    | 'cardActivityId'
    | 'actionSentAt'
    | 'nextCheckAt'
    | 'failureReason'
    | 'hidePasscodeAt'
    | 'passcodeActivityId'
    | 'approver'
    | 'expiresAt'
    | 'decidedBy'
    | 'decidedByName'
    | 'decisionNote'
    | 'managerId'
    | 'managerName'
    | 'managerNotice'
  >
>;

export interface AuditEntry {
  requestId: string;
  at: string;
  /** Entra object id of who did it, or "system". */
  actor: string;
  event: string;
  /** Short, secret-free detail (state, reason, action state). */
  detail: string;
}
