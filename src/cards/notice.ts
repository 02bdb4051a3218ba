// A card that only tells something: a title, a few paragraphs, optional facts and quieter notes.
// Shared by the manager's notices, the approval channel answer and approval problems.
import type { Fact } from './device-facts';
import { renderCard, type AdaptiveCard } from './template';

export interface Notice {
  /** Trusted catalog text only: Teams shows it in notifications. */
  fallbackText: string;
  title: string;
  titleColor?: 'default' | 'good' | 'attention';
  paragraphs: readonly string[];
  facts?: readonly Fact[];
  notes?: readonly string[];
}

export function noticeCard(notice: Notice): AdaptiveCard {
  return renderCard('notice', {
    fallbackText: notice.fallbackText,
    title: notice.title,
    titleColor: notice.titleColor ?? 'default',
    paragraphs: notice.paragraphs,
    facts: notice.facts ?? [],
    notes: notice.notes ?? [],
  });
}
