// The approval card in the helpdesk channel (or the manager's chat). One card per request,
// updated in place; Teams' `refresh` swaps in the approver view for the listed users only.
// The view is a convenience: the bot checks who may decide on every click.
import { isRecoveryKeyRequest, type ResetRequest } from '../reset/request';
import { formatCheckIn, formatDateTime, formatDateTimeFromNow, t, type Locale } from '../i18n';
import { approvalTitle, decidesText, managerFact, ownershipText, personName, statusLines } from './approval-wording';
import { deviceFacts, isPersonallyOwned, personalDeviceFacts, viewOfSnapshot, type Fact } from './device-facts';
import { offerWording } from './offer-wording';
import { recoveryKeyApprovalFallback, recoveryKeyApprovalTitle, recoveryKeyStatusLines } from './recovery-key-approval';
import { renderCard, type AdaptiveCard } from './template';
import { VERBS } from './verbs';
import { stateWords } from './wording';

export type ApprovalView = 'approver' | 'readOnly';

export interface ApprovalCardOptions {
  /** Teams user ids (29:…) that should get the approver view through `refresh`; at most 60 are used. */
  refreshUserIds?: readonly string[];
  /** For "in 3 hours" beside the expiry and "2 days ago" beside the last check-in. */
  now?: Date;
  /** A sentence shown above the card (an approval problem); trusted catalog text only. */
  notice?: string;
}

/** Teams runs a refresh automatically for at most 60 listed users; others can refresh by hand. */
export const MAX_REFRESH_USER_IDS = 60;

export function approvalCard(locale: Locale, request: ResetRequest, view: ApprovalView, opts: ApprovalCardOptions = {}): AdaptiveCard {
  const open = request.state === 'awaiting_approval';
  const canDecide = open && view === 'approver';
  // A recovery-key request says so in its title, fallback and status: never mistaken for a PIN reset.
  const recoveryKey = isRecoveryKeyRequest(request);
  const { title, color } = recoveryKey ? recoveryKeyApprovalTitle(locale, request) : approvalTitle(locale, request.state);
  const card = renderCard('approval', {
    // No names: Teams shows fallbackText in notifications and previews of the channel.
    fallbackText: recoveryKey
      ? recoveryKeyApprovalFallback(locale, request, stateWords(locale, request.state))
      : open
        ? t(locale, 'approval.fallback.waiting')
        : t(locale, 'approval.fallback.decided', { state: stateWords(locale, request.state) }),
    hasNotice: opts.notice !== undefined,
    notice: opts.notice ?? '',
    title,
    titleColor: color,
    statusLines: recoveryKey ? recoveryKeyStatusLines(locale, request, canDecide) : statusLines(locale, request, canDecide),
    facts: approvalFacts(locale, request, opts.now ?? new Date()),
    managerNotNotified: request.managerNotice === 'notNotified',
    managerWarning: t(locale, 'approval.manager.warning'),
    whatHappensTitle: t(locale, 'approval.whatHappens.title'),
    whatHappens: t(locale, offerWording(request.action, request.device.platform).forApprover),
    canDecide,
    approveLabel: t(locale, 'approval.button.approve'),
    rejectLabel: t(locale, 'approval.button.reject'),
    confirmRejectLabel: t(locale, 'approval.button.confirmReject'),
    reasonLabel: t(locale, 'approval.reason.label'),
    reasonPlaceholder: t(locale, 'approval.reason.placeholder'),
    reasonRequired: t(locale, 'approval.reason.required'),
    requestId: request.id,
  });
  // A decided card is the same for everyone: no refresh, so Teams stops asking the bot.
  const userIds = open ? refreshUsers(opts.refreshUserIds) : [];
  if (userIds.length === 0) return card;
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb: VERBS.refreshApproval, data: { requestId: request.id } }, userIds },
  };
}

function approvalFacts(locale: Locale, request: ResetRequest, now: Date): Fact[] {
  const device = request.device;
  const fact = (title: string, value: string): Fact => ({ title, value });
  const view = viewOfSnapshot(locale, device);
  const lastCheckIn = fact(t(locale, 'common.fact.lastCheckIn'), formatCheckIn(locale, device.lastSyncDateTime, now));
  // Where the manager decides, this card is the manager's: a personal device by its kind only, as in
  // the manager's notices (README "Helpdesk approval and managers").
  const deviceLines =
    request.approver === 'manager' && isPersonallyOwned(device)
      ? [...personalDeviceFacts(locale, view), lastCheckIn]
      : deviceFacts(locale, view, fact(t(locale, 'approval.fact.ownership'), ownershipText(locale, device.ownerType)), lastCheckIn);
  const facts = [
    fact(t(locale, 'approval.fact.requester'), personName(request.requesterName) || t(locale, 'common.unknown')),
    ...deviceLines,
    fact(t(locale, 'approval.fact.action'), t(locale, offerWording(request.action, device.platform).confirm)),
    fact(t(locale, 'common.fact.requested'), formatDateTime(locale, request.createdAt)),
  ];
  // The deadline matters only while someone can still decide.
  if (request.state === 'awaiting_approval' && request.expiresAt) {
    facts.push(fact(t(locale, 'approval.fact.expires'), formatDateTimeFromNow(locale, request.expiresAt, now)));
  }
  facts.push(fact(t(locale, 'approval.fact.decides'), decidesText(locale, request.approver, request.managerName)));
  return [...facts, ...managerFact(locale, request.managerNotice, request.managerName)];
}

// Duplicates and blanks would waste places in Teams' limit of 60.
function refreshUsers(ids: readonly string[] | undefined): string[] {
  const unique = [...new Set((ids ?? []).map((id) => id.trim()).filter((id) => id !== ''))];
  return unique.slice(0, MAX_REFRESH_USER_IDS);
}
