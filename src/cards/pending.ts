// "pending" in the helpdesk channel: the requests still waiting for a decision, each with a Review
// button (the approval card, answered for the clicking user) and a link to its approval thread.
import type { ResetRequest } from '../reset/request';
import { formatDateTime, t, type Locale } from '../i18n';
import { decidesText, personName } from './approval-wording';
import { viewOfSnapshot, type Fact } from './device-facts';
import { offerWording } from './offer-wording';
import { renderCard, type AdaptiveCard } from './template';

export interface PendingItem {
  request: ResetRequest;
  /** Deep link to the approval card's thread; anything but https is not offered as a link. */
  threadUrl: string | null;
}

/** Beyond this the card gets long and heavy for Teams (about 28 KB per message). */
export const MAX_PENDING_SHOWN = 20;

export function pendingCard(locale: Locale, items: readonly PendingItem[]): AdaptiveCard {
  const shown = items.slice(0, MAX_PENDING_SHOWN);
  return renderCard('pending', {
    fallbackText: t(locale, 'pending.fallback'),
    title: t(locale, 'pending.title'),
    emptyText: t(locale, 'pending.empty'),
    openThreadLabel: t(locale, 'pending.openThread'),
    reviewLabel: t(locale, 'pending.review'),
    requests: shown.map((item) => pendingItem(locale, item)),
    hasMore: items.length > shown.length,
    moreText: t(locale, 'pending.more', { shown: shown.length, total: items.length }),
  });
}

function pendingItem(locale: Locale, { request, threadUrl }: PendingItem): object {
  const device = viewOfSnapshot(locale, request.device);
  const facts: Fact[] = [
    { title: t(locale, 'common.fact.device'), value: device.name },
    { title: t(locale, 'common.fact.os'), value: device.os },
    { title: t(locale, 'approval.fact.action'), value: t(locale, offerWording(request.action, request.device.platform).confirm) },
    { title: t(locale, 'common.fact.requested'), value: formatDateTime(locale, request.createdAt) },
  ];
  if (request.expiresAt) facts.push({ title: t(locale, 'approval.fact.expires'), value: formatDateTime(locale, request.expiresAt) });
  facts.push({ title: t(locale, 'approval.fact.decides'), value: decidesText(locale, request.approver, request.managerName) });
  const url = httpsUrl(threadUrl);
  return {
    requester: personName(request.requesterName) || t(locale, 'common.unknown'),
    facts,
    // Review answers with the approval card for this viewer (approver buttons only for those allowed).
    requestId: request.id,
    hasThread: url !== null,
    threadUrl: url ?? '',
  };
}

/** The URL as the parser normalised it, or null: a javascript: or http: link must not become a button. */
export function httpsUrl(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'https:' ? url.href : null;
}
