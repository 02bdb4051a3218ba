// The BitLocker recovery key under RECOVERY_KEY_POLICY=approval (src/recovery-key/approval.ts):
// the requester's cards (ask the helpdesk, waiting, approved → Key ID and sign-in, the end) and
// what the helpdesk channel card says differently from a PIN reset. No card here ever holds a key
// or a Key ID typed by the requester: the key travels only in its own message (recovery-key.ts).
import { formatDateTime, t, type Locale, type MessageKey, type PlainKey } from '../i18n';
import type { RecoveryKeyDevice } from '../recovery-key';
import type { ResetRequest } from '../reset/request';
import { personName, reasonText, statusLines, type TitleColor } from './approval-wording';
import type { Fact } from './device-facts';
import { deviceFacts, keyIdCardData, type KeyIdCardNote } from './recovery-key';
import { markdownText } from './safe-text';
import { renderCard, type AdaptiveCard } from './template';

/** Why asking the helpdesk, or using an approval, gave nothing. */
export type RecoveryKeyApprovalProblem =
  | { kind: 'noApprovalChannel' }
  | { kind: 'deviceBusy' }
  | { kind: 'tooManyRequests'; limit: number; retryAt: string }
  | { kind: 'requestNotFound' }
  | { kind: 'notYourRequest' };

/** Under `approval`, the device step: the PC, why the helpdesk is asked, and the one button. */
export function recoveryKeyApprovalAskCard(locale: Locale, device: RecoveryKeyDevice): AdaptiveCard {
  return card(locale, {
    title: t(locale, 'recoveryKeyApproval.ask.title'),
    facts: deviceFacts(locale, device),
    paragraphs: [t(locale, 'recoveryKeyApproval.ask.why'), t(locale, 'recoveryKeyApproval.ask.next')],
    ask: { deviceId: device.id },
  });
}

/**
 * The requester's card of a recovery-key request, where it stands now (replaced in place through
 * the outbox as the helpdesk decides). Approved: the Key ID box, the sign-in, and Show key.
 */
export function recoveryKeyRequestCard(locale: Locale, request: ResetRequest, note: KeyIdCardNote = { kind: 'none' }, keyId = ''): AdaptiveCard {
  const facts = deviceFacts(locale, deviceOf(request));
  const say = (title: PlainKey, paragraphs: string[], extra: { cancel?: boolean; color?: TitleColor } = {}): AdaptiveCard =>
    card(locale, { title: t(locale, title), facts, paragraphs, cancelRequestId: extra.cancel ? request.id : undefined, color: extra.color });
  const approver = personName(request.decidedByName) || t(locale, 'approval.someone');
  switch (request.state) {
    case 'awaiting_approval': {
      const expires = request.expiresAt ? [t(locale, 'recoveryKeyApproval.waiting.expires', { time: formatDateTime(locale, request.expiresAt) })] : [];
      return say('recoveryKeyApproval.waiting.title', [t(locale, 'recoveryKeyApproval.waiting.text'), ...expires], { cancel: true });
    }
    case 'approved':
      return renderCard('recovery-key-approved', {
        ...keyIdCardData(locale, deviceOf(request), note, keyId),
        title: t(locale, 'recoveryKeyApproval.approved.title'),
        approvedBy: t(locale, 'recoveryKeyApproval.approved.by', { name: approver, time: formatDateTime(locale, request.expiresAt ?? request.updatedAt) }),
        showLabel: t(locale, 'recoveryKeyApproval.show'),
        requestId: request.id,
      });
    case 'succeeded':
      return say('recoveryKey.shown.title', [t(locale, 'recoveryKeyApproval.shown.text')], { color: 'good' });
    case 'rejected': {
      const reason = reasonText(request.decisionNote);
      const lines = [t(locale, 'recoveryKeyApproval.rejected.text', { name: approver })];
      return say('recoveryKeyApproval.rejected.title', reason ? [...lines, t(locale, 'approval.status.reason', { reason })] : lines, { color: 'attention' });
    }
    case 'expired':
      return say('recoveryKey.info.title', [t(locale, 'recoveryKeyApproval.expired.text')]);
    case 'cancelled':
      return say('recoveryKey.info.title', [t(locale, 'recoveryKeyApproval.cancelled.text')]);
    case 'awaiting_confirmation':
    case 'executing':
    case 'failed':
      return say('recoveryKey.info.title', [t(locale, 'recoveryKeyApproval.closed.text')]);
    default: {
      const unknownState: never = request.state;
      throw new Error(`no recovery-key card for ${String(unknownState)}`);
    }
  }
}

export function recoveryKeyApprovalProblemCard(locale: Locale, problem: RecoveryKeyApprovalProblem): AdaptiveCard {
  return card(locale, { title: t(locale, 'recoveryKey.info.title'), facts: [], paragraphs: [problemText(locale, problem)] });
}

function problemText(locale: Locale, problem: RecoveryKeyApprovalProblem): string {
  switch (problem.kind) {
    case 'noApprovalChannel':
      return t(locale, 'recoveryKeyApproval.noChannel');
    case 'deviceBusy':
      return t(locale, 'recoveryKeyApproval.deviceBusy');
    case 'tooManyRequests':
      return t(locale, 'recoveryKeyApproval.tooManyRequests', { limit: problem.limit, retryAt: formatDateTime(locale, problem.retryAt) });
    case 'requestNotFound':
      return t(locale, 'recoveryKeyApproval.notFound');
    case 'notYourRequest':
      return t(locale, 'recoveryKeyApproval.notYours');
    default: {
      const unknownProblem: never = problem;
      throw new Error(`unworded problem ${JSON.stringify(unknownProblem)}`);
    }
  }
}

type ChannelTitleKey = Extract<MessageKey, `recoveryKeyApproval.title.${string}`>;

const CHANNEL_TITLES: Partial<Record<ResetRequest['state'], readonly [ChannelTitleKey, TitleColor]>> = {
  awaiting_approval: ['recoveryKeyApproval.title.awaitingApproval', 'default'],
  approved: ['recoveryKeyApproval.title.approved', 'good'],
  succeeded: ['recoveryKeyApproval.title.succeeded', 'good'],
  rejected: ['recoveryKeyApproval.title.rejected', 'attention'],
  cancelled: ['recoveryKeyApproval.title.cancelled', 'default'],
  expired: ['recoveryKeyApproval.title.expired', 'default'],
};

/** The channel card's title: "BitLocker recovery key for <device>", never "PIN reset". */
export function recoveryKeyApprovalTitle(locale: Locale, request: ResetRequest): { title: string; color: TitleColor } {
  const device = markdownText(request.device.deviceName, 80) || t(locale, 'common.unknown');
  const [key, color] = CHANNEL_TITLES[request.state] ?? ['recoveryKeyApproval.title.other', 'default'];
  return { title: t(locale, key, { device }), color };
}

export function recoveryKeyApprovalFallback(locale: Locale, request: ResetRequest, decided: string): string {
  return request.state === 'awaiting_approval'
    ? t(locale, 'recoveryKeyApproval.fallback.waiting')
    : t(locale, 'recoveryKeyApproval.fallback.decided', { state: decided });
}

/** The channel card's status lines: a recovery key is shown, not sent to a device. */
export function recoveryKeyStatusLines(locale: Locale, request: ResetRequest, decide: boolean): string[] {
  const approvedBy = [t(locale, 'approval.status.approvedBy', { name: personName(request.decidedByName) || t(locale, 'approval.someone') })];
  const until = formatDateTime(locale, request.expiresAt ?? request.updatedAt);
  switch (request.state) {
    case 'awaiting_approval':
      return decide ? [t(locale, 'recoveryKeyApproval.status.decide')] : statusLines(locale, request, decide);
    case 'approved':
      return [...approvedBy, t(locale, 'recoveryKeyApproval.status.approved', { time: until })];
    case 'succeeded':
      return [...approvedBy, t(locale, 'recoveryKeyApproval.status.succeeded')];
    case 'expired':
      return request.decidedBy ? [...approvedBy, t(locale, 'recoveryKeyApproval.status.expiredApproved', { time: until })] : statusLines(locale, request, decide);
    default:
      return statusLines(locale, request, decide);
  }
}

function deviceOf(request: ResetRequest): RecoveryKeyDevice {
  const { deviceId, deviceName, model, osVersion, lastSyncDateTime, ownerType } = request.device;
  return { id: deviceId, deviceName, model, osVersion, lastSyncDateTime, ownerType };
}

interface CardParts {
  title: string;
  facts: Fact[];
  paragraphs: string[];
  ask?: { deviceId: string };
  cancelRequestId?: string | undefined;
  color?: TitleColor | undefined;
}

function card(locale: Locale, parts: CardParts): AdaptiveCard {
  return renderCard('recovery-key-approval', {
    fallbackText: t(locale, 'recoveryKey.fallback'),
    title: parts.title,
    titleColor: parts.color ?? 'default',
    facts: parts.facts,
    paragraphs: parts.paragraphs,
    canAsk: parts.ask !== undefined,
    askLabel: t(locale, 'recoveryKeyApproval.ask.button'),
    deviceId: parts.ask?.deviceId ?? '',
    canCancel: parts.cancelRequestId !== undefined,
    cancelLabel: t(locale, 'recoveryKeyApproval.cancel'),
    requestId: parts.cancelRequestId ?? '',
  });
}
