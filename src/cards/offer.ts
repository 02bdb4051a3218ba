import type { ResetRequest } from '../reset/request';
import { formatCheckInDays, t, type Locale } from '../i18n';
import { deviceFacts, STALE_AFTER_DAYS, viewOfSnapshot } from './device-facts';
import { offerWording } from './offer-wording';
import { renderCard, type AdaptiveCard } from './template';

/**
 * The confirmation step: the device, what will happen to it, who could open it afterwards,
 * and — when it has not checked in for a week or more — that the action waits for a check-in.
 * `staleDays`: whole days since the last check-in, or null when unknown.
 */
export function offerCard(locale: Locale, request: ResetRequest, staleDays: number | null): AdaptiveCard {
  const wording = offerWording(request.action, request.device.platform);
  const lastCheckIn = {
    title: t(locale, 'common.fact.lastCheckIn'),
    value: formatCheckInDays(locale, request.device.lastSyncDateTime, staleDays),
  };
  const isStale = staleDays !== null && staleDays >= STALE_AFTER_DAYS;
  return renderCard('offer', {
    fallbackText: t(locale, 'offer.fallback'),
    title: t(locale, wording.title),
    facts: deviceFacts(locale, viewOfSnapshot(locale, request.device), lastCheckIn),
    whatHappens: t(locale, wording.whatHappens),
    notes: wording.notes.map((key) => t(locale, key)),
    holderWarning: t(locale, wording.holderWarning),
    isStale,
    staleWarning: isStale ? t(locale, 'offer.stale', { days: staleDays }) : '',
    confirmLabel: t(locale, wording.confirm),
    cancelLabel: t(locale, 'offer.cancel'),
    requestId: request.id,
  });
}
