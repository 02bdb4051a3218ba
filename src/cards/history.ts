// "history <name or email>" in the helpdesk channel: a person's requests with their audit trail.
// Everything shown here is either catalog text or escaped: the query is typed by a person,
// names come from Entra, audit details are free text written by the domain.
import type { Person } from '../reset/ports';
import type { AuditEntry, ResetRequest } from '../reset/request';
import { formatDateTime, t, type Locale } from '../i18n';
import { personName } from './approval-wording';
import { detailFacts, viewOfSnapshot, type Fact } from './device-facts';
import { auditActor, auditEvent } from './history-wording';
import { offerWording } from './offer-wording';
import { markdownText } from './safe-text';
import { renderCard, type AdaptiveCard } from './template';
import { stateWords } from './wording';

export interface HistoryItem {
  request: ResetRequest;
  audit: readonly AuditEntry[];
}

/** Newest requests first is the caller's order; beyond these the card grows too large for Teams. */
export const MAX_HISTORY_SHOWN = 10;
const MAX_TRAIL_SHOWN = 25;

export function historyCard(locale: Locale, query: string, people: readonly Person[], items: readonly HistoryItem[]): AdaptiveCard {
  const shown = items.slice(0, MAX_HISTORY_SHOWN);
  return renderCard('history', {
    fallbackText: t(locale, 'history.fallback'),
    title: t(locale, 'history.title'),
    trailLabel: t(locale, 'history.trail'),
    paragraphs: intro(locale, query, people, items.length),
    people: people.length > 1 ? people.map(personFact) : [],
    requests: shown.map((item) => historyItem(locale, item)),
    hasMore: items.length > shown.length,
    moreText: t(locale, 'history.more', { shown: shown.length, total: items.length }),
  });
}

function intro(locale: Locale, query: string, people: readonly Person[], count: number): string[] {
  const [person] = people;
  if (person === undefined) return [t(locale, 'history.noMatch', { query: markdownText(query, 100) })];
  if (people.length > 1) return [t(locale, 'history.several', { query: markdownText(query, 100) })];
  const name = personName(person.displayName) || t(locale, 'common.unknown');
  const of = t(locale, 'history.of', { name, upn: markdownText(person.userPrincipalName, 100) });
  return count === 0 ? [of, t(locale, 'history.none', { name })] : [of];
}

function personFact(person: Person): Fact {
  return { title: personName(person.displayName) || '?', value: markdownText(person.userPrincipalName, 100) };
}

function historyItem(locale: Locale, { request, audit }: HistoryItem): object {
  const device = viewOfSnapshot(locale, request.device);
  return {
    heading: device.name,
    facts: [
      { title: t(locale, 'common.fact.requested'), value: formatDateTime(locale, request.createdAt) },
      { title: t(locale, 'common.fact.state'), value: stateWords(locale, request.state) },
      { title: t(locale, 'approval.fact.action'), value: t(locale, offerWording(request.action, request.device.platform).confirm) },
      ...detailFacts(locale, device),
    ],
    // The newest entries matter most when a long trail has to be cut.
    trail: audit.slice(-MAX_TRAIL_SHOWN).map((entry) => trailFact(locale, request, entry)),
  };
}

function trailFact(locale: Locale, request: ResetRequest, entry: AuditEntry): Fact {
  const event = auditEvent(locale, entry.event);
  const actor = auditActor(locale, request, entry.actor);
  const detail = markdownText(entry.detail, 200);
  return {
    title: formatDateTime(locale, entry.at),
    value: detail ? t(locale, 'history.entryWithDetail', { event, actor, detail }) : t(locale, 'history.entry', { event, actor }),
  };
}
