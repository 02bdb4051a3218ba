// Why a click on Approve or Reject did nothing, worded for the person who clicked.
import type { ResetRequest } from '../reset/request';
import { t, type Locale } from '../i18n';
import { approvalCard } from './approval';
import { noticeCard } from './notice';
import type { AdaptiveCard } from './template';

/**
 * The reasons src/reset refuses a decision. The first four are the ones a card shows beside the
 * request; `notFound` and `directoryUnavailable` come without one.
 */
export type ApprovalProblemKind = 'notApprover' | 'ownRequest' | 'alreadyDecided' | 'expired' | 'notFound' | 'directoryUnavailable';

export function approvalProblemText(locale: Locale, kind: ApprovalProblemKind): string {
  switch (kind) {
    case 'notApprover':
      return t(locale, 'approvalProblem.notApprover');
    case 'ownRequest':
      return t(locale, 'approvalProblem.ownRequest');
    case 'alreadyDecided':
      return t(locale, 'approvalProblem.alreadyDecided');
    case 'expired':
      return t(locale, 'approvalProblem.expired');
    case 'notFound':
      return t(locale, 'approvalProblem.notFound');
    case 'directoryUnavailable':
      return t(locale, 'approvalProblem.directoryUnavailable');
    default: {
      const _never: never = kind;
      return _never;
    }
  }
}

/** What someone who is neither the requester nor an approver gets for a request id: nothing of it. */
export function notForYouCard(locale: Locale): AdaptiveCard {
  return noticeCard({
    fallbackText: t(locale, 'approvalView.notForYou.fallback'),
    title: t(locale, 'approvalView.notForYou.title'),
    paragraphs: [t(locale, 'approvalView.notForYou.text')],
  });
}

/** `pending` / `history` asked outside the approval channel and the asker's personal chat. */
export function helpdeskCommandElsewhereCard(locale: Locale): AdaptiveCard {
  return noticeCard({
    fallbackText: t(locale, 'helpdeskCommand.wrongPlace.fallback'),
    title: t(locale, 'helpdeskCommand.wrongPlace.title'),
    titleColor: 'attention',
    paragraphs: [t(locale, 'helpdeskCommand.wrongPlace.text')],
  });
}

/**
 * The sentence, and below it the request as it stands now, read-only: whoever clicked sees at
 * once who decided, or that it expired, without buttons that would fail again.
 */
export function approvalProblemCard(locale: Locale, kind: ApprovalProblemKind, request?: ResetRequest, now?: Date): AdaptiveCard {
  const sentence = approvalProblemText(locale, kind);
  if (request) {
    const card = approvalCard(locale, request, 'readOnly', { notice: sentence, ...(now ? { now } : {}) });
    return { ...card, fallbackText: t(locale, 'approvalProblem.fallback') };
  }
  return noticeCard({
    fallbackText: t(locale, 'approvalProblem.fallback'),
    title: t(locale, 'approvalProblem.title'),
    titleColor: 'attention',
    paragraphs: [sentence],
  });
}
