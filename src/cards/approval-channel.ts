// The answer to "use this channel for approvals".
import { t, type Locale } from '../i18n';
import { noticeCard } from './notice';
import type { AdaptiveCard } from './template';

export type ApprovalChannelOutcome = 'set' | 'notMember' | 'notChannel';

export function approvalChannelSetCard(locale: Locale, outcome: ApprovalChannelOutcome): AdaptiveCard {
  const says = (title: 'channel.title.set' | 'channel.title.notSet', paragraph: string): AdaptiveCard =>
    noticeCard({
      fallbackText: t(locale, 'channel.fallback'),
      title: t(locale, title),
      titleColor: outcome === 'set' ? 'good' : 'attention',
      paragraphs: [paragraph],
    });
  switch (outcome) {
    case 'set':
      return says('channel.title.set', t(locale, 'channel.set'));
    case 'notMember':
      return says('channel.title.notSet', t(locale, 'channel.notMember'));
    case 'notChannel':
      return says('channel.title.notSet', t(locale, 'channel.notChannel'));
    default: {
      const _never: never = outcome;
      return _never;
    }
  }
}
