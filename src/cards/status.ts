import { canMove, type ResetRequest } from '../reset/request';
import { formatDateTime, t, type Locale } from '../i18n';
import { detailFacts, viewOfSnapshot } from './device-facts';
import { renderCard, type AdaptiveCard } from './template';
import { stateWords } from './wording';

/** The user's requests, each with its state in words and Cancel while it can still be cancelled. */
export function statusCard(locale: Locale, requests: readonly ResetRequest[]): AdaptiveCard {
  return renderCard('status', {
    fallbackText: t(locale, 'status.fallback'),
    title: t(locale, 'status.title'),
    emptyText: t(locale, 'status.empty'),
    requests: requests.map((request) => requestItem(locale, request)),
    cancelLabel: t(locale, 'status.cancel'),
    startLabel: t(locale, 'common.button.startReset'),
  });
}

function requestItem(locale: Locale, request: ResetRequest): object {
  const view = viewOfSnapshot(locale, request.device);
  return {
    requestId: request.id,
    name: view.name,
    facts: [
      { title: t(locale, 'common.fact.state'), value: stateWords(locale, request.state) },
      { title: t(locale, 'common.fact.requested'), value: formatDateTime(locale, request.createdAt) },
      ...detailFacts(locale, view),
    ],
    // Only before approval: once approved the action may already be on its way to Intune.
    cancellable: canMove(request.state, 'cancelled'),
  };
}
