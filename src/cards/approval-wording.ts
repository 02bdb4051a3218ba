// Words of the approval card that depend on the request: title, who decides, the manager notice
// and the status lines per state. Names and the rejection reason are escaped here, once.
import type { ApproverKind, ManagerNotice, RequestState, ResetRequest } from '../reset/request';
import { formatDateTime, t, type Locale, type PlainKey } from '../i18n';
import type { Fact } from './device-facts';
import { failureForOthers } from './failure-wording';
import { markdownText } from './safe-text';

export type TitleColor = 'default' | 'good' | 'attention';

const TITLE: Record<RequestState, readonly [PlainKey, TitleColor]> = {
  awaiting_confirmation: ['approval.title.awaitingConfirmation', 'default'],
  awaiting_approval: ['approval.title.awaitingApproval', 'default'],
  approved: ['approval.title.approved', 'good'],
  executing: ['approval.title.executing', 'good'],
  succeeded: ['approval.title.succeeded', 'good'],
  failed: ['approval.title.failed', 'attention'],
  rejected: ['approval.title.rejected', 'attention'],
  cancelled: ['approval.title.cancelled', 'default'],
  expired: ['approval.title.expired', 'default'],
};

export function approvalTitle(locale: Locale, state: RequestState): { title: string; color: TitleColor } {
  const [key, color] = TITLE[state];
  return { title: t(locale, key), color };
}

/** A person's display name from Entra or Teams, escaped; '' when there is none. */
export function personName(name: string | null | undefined): string {
  return name ? markdownText(name, 80) : '';
}

/** The free-text rejection reason, escaped and kept to the length the input allows. */
export function reasonText(note: string | null): string {
  return note ? markdownText(note, 500) : '';
}

export function decidesText(locale: Locale, approver: ApproverKind | null, managerName: string | null): string {
  switch (approver) {
    case null:
      return t(locale, 'approval.decides.none');
    case 'helpdesk':
      return t(locale, 'approval.decides.helpdesk');
    case 'manager': {
      const name = personName(managerName);
      return name ? t(locale, 'approval.decides.manager', { name }) : t(locale, 'approval.decides.managerUnnamed');
    }
    default: {
      const _never: never = approver;
      return _never;
    }
  }
}

/** The "Manager" fact, or none when the manager was never looked up. */
export function managerFact(locale: Locale, notice: ManagerNotice | null, managerName: string | null): Fact[] {
  if (notice === null) return [];
  const name = personName(managerName) || t(locale, 'approval.manager.unnamed');
  const value = ((): string => {
    switch (notice) {
      case 'pending':
        return t(locale, 'approval.manager.pending', { name });
      case 'notified':
        return t(locale, 'approval.manager.notified', { name });
      case 'notNotified':
        return t(locale, 'approval.manager.notNotified', { name });
      case 'noManager':
        return t(locale, 'approval.manager.noManager');
      default: {
        const _never: never = notice;
        return _never;
      }
    }
  })();
  return [{ title: t(locale, 'approval.fact.manager'), value }];
}

/** Graph's managedDeviceOwnerType, which also knows "unknown". */
export function ownershipText(locale: Locale, ownerType: string): string {
  switch (ownerType.toLowerCase()) {
    case 'personal':
      return t(locale, 'approval.ownership.personal');
    case 'company':
      return t(locale, 'approval.ownership.company');
    default:
      return t(locale, 'common.unknown');
  }
}

/** What the card says about where the request stands; `decide` is the approver's own open view. */
export function statusLines(locale: Locale, request: ResetRequest, decide: boolean): string[] {
  const decider = personName(request.decidedByName) || t(locale, 'approval.someone');
  const approvedBy = request.decidedBy || request.decidedByName ? [t(locale, 'approval.status.approvedBy', { name: decider })] : [];
  switch (request.state) {
    case 'awaiting_confirmation':
      return [t(locale, 'approval.status.notConfirmed')];
    case 'awaiting_approval':
      return [decide ? t(locale, 'approval.status.decide') : waitingFor(locale, request)];
    case 'approved':
      return [...approvedBy, t(locale, 'approval.status.approved')];
    case 'executing':
      return request.actionSentAt
        ? [...approvedBy, t(locale, 'approval.status.executing', { time: formatDateTime(locale, request.actionSentAt) })]
        : [...approvedBy, t(locale, 'approval.status.approved')];
    case 'succeeded':
      return [...approvedBy, t(locale, 'approval.status.succeeded')];
    case 'failed':
      return [...approvedBy, t(locale, 'approval.status.failed', { why: t(locale, failureForOthers(request)) })];
    case 'rejected': {
      const reason = reasonText(request.decisionNote);
      const lines = [t(locale, 'approval.status.rejectedBy', { name: decider })];
      return reason ? [...lines, t(locale, 'approval.status.reason', { reason })] : lines;
    }
    case 'expired':
      return [
        request.expiresAt
          ? t(locale, 'approval.status.expiredAt', { time: formatDateTime(locale, request.expiresAt) })
          : t(locale, 'approval.status.expired'),
      ];
    case 'cancelled':
      return [t(locale, 'approval.status.cancelled')];
    default: {
      const _never: never = request.state;
      return _never;
    }
  }
}

function waitingFor(locale: Locale, request: ResetRequest): string {
  if (request.approver !== 'manager') return t(locale, 'approval.status.waitingHelpdesk');
  const name = personName(request.managerName);
  return name ? t(locale, 'approval.status.waitingManager', { name }) : t(locale, 'approval.status.waitingManagerUnnamed');
}
