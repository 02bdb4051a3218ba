import { canMove, type ResetRequest } from '../reset/request';
import { formatDateTime, t, type Locale } from '../i18n';
import { deviceFacts, viewOfSnapshot } from './device-facts';
import { personName } from './approval-wording';
import { renderCard, type AdaptiveCard } from './template';
import { stateWords } from './wording';

/**
 * After confirming: where the request stands. The bot updates this card in place, so it says so.
 * A request that can still be cancelled (not yet approved) keeps its Cancel button.
 */
export function progressCard(locale: Locale, request: ResetRequest): AdaptiveCard {
  const cancellable = canMove(request.state, 'cancelled');
  return renderCard('progress', {
    // Nothing is in progress while a person has yet to decide: say what it waits for.
    fallbackText: t(locale, request.state === 'awaiting_approval' ? 'progress.fallback.awaitingApproval' : 'progress.fallback'),
    title: t(locale, request.state === 'awaiting_approval' ? 'progress.title.awaitingApproval' : 'progress.title'),
    facts: deviceFacts(locale, viewOfSnapshot(locale, request.device)),
    paragraphs: progressParagraphs(locale, request),
    cancellable,
    cancelLabel: t(locale, 'status.cancel'),
    requestId: request.id,
  });
}

function progressParagraphs(locale: Locale, request: ResetRequest): string[] {
  const waitForDevice = [t(locale, 'progress.checkIn'), t(locale, 'progress.updates')];
  switch (request.state) {
    case 'awaiting_confirmation':
      return [t(locale, 'progress.awaitingConfirmation')];
    case 'awaiting_approval':
      return awaitingApproval(locale, request);
    case 'approved':
      return [t(locale, 'progress.approved'), ...waitForDevice];
    case 'executing':
      // actionSentAt is written before the POST; without it Intune is only being asked.
      return request.actionSentAt
        ? [t(locale, 'progress.executing', { time: formatDateTime(locale, request.actionSentAt) }), ...waitForDevice]
        : [t(locale, 'progress.approved'), ...waitForDevice];
    case 'succeeded':
    case 'failed':
    case 'rejected':
    case 'cancelled':
    case 'expired':
      // Callers should send outcomeCard for a finished request; this keeps a stale update honest.
      return [t(locale, 'progress.finished', { state: stateWords(locale, request.state) })];
    default: {
      const _never: never = request.state;
      return _never;
    }
  }
}

/** Who decides and until when; and that nothing has reached the device, so cancelling is harmless. */
function awaitingApproval(locale: Locale, request: ResetRequest): string[] {
  const manager = personName(request.managerName);
  const who =
    request.approver !== 'manager'
      ? t(locale, 'progress.awaitingHelpdesk')
      : manager
        ? t(locale, 'progress.awaitingManager', { manager })
        : t(locale, 'progress.awaitingManagerUnnamed');
  const until = request.expiresAt ? [t(locale, 'progress.awaitingUntil', { time: formatDateTime(locale, request.expiresAt) })] : [];
  return [who, ...until, t(locale, 'progress.nothingSentYet')];
}
