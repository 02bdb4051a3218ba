import type { ResetRequest } from '../reset/request';
import { t, type Locale, type PlainKey } from '../i18n';
import { personName, reasonText } from './approval-wording';
import { deviceFacts, viewOfSnapshot } from './device-facts';
import { failureWording } from './failure-wording';
import { progressCard } from './progress';
import { markdownText } from './safe-text';
import { renderCard, type AdaptiveCard } from './template';

export interface OutcomeOptions {
  /** Android's temporary passcode, while it may be shown. Never goes into fallbackText. */
  passcode?: string;
  /** The passcode was shown and its time is up: say so instead of showing it. */
  passcodeHidden?: boolean;
  /**
   * The passcode goes in a message of its own (passcodeCard): this card only points to it and
   * never shows a passcode, whatever else is passed.
   */
  passcodeInSeparateMessage?: boolean;
}

type TitleColor = 'default' | 'good' | 'attention';

interface OutcomeBody {
  title: PlainKey;
  color: TitleColor;
  paragraphs: string[];
  passcode: string | null;
  offerRestart: boolean;
}

/** How a request ended. A request that is still open gets its progress card instead. */
export function outcomeCard(locale: Locale, request: ResetRequest, opts: OutcomeOptions = {}): AdaptiveCard {
  const body = outcomeBody(locale, request, opts);
  if (!body) return progressCard(locale, request);
  return renderCard('outcome', {
    // Generic on purpose: Teams shows fallbackText in notifications, never the passcode.
    fallbackText: t(locale, 'outcome.fallback'),
    title: t(locale, body.title),
    titleColor: body.color,
    facts: deviceFacts(locale, viewOfSnapshot(locale, request.device)),
    hasPasscode: body.passcode !== null,
    passcodeLabel: t(locale, 'outcome.passcode.label'),
    passcode: body.passcode ?? '',
    paragraphs: body.paragraphs,
    offerRestart: body.offerRestart,
    startAgainLabel: t(locale, 'common.button.startAgain'),
    statusLabel: t(locale, 'common.button.status'),
  });
}

function outcomeBody(locale: Locale, request: ResetRequest, opts: OutcomeOptions): OutcomeBody | null {
  const ended = (title: PlainKey, text: PlainKey, offerRestart: boolean): OutcomeBody => ({
    title,
    color: 'default',
    paragraphs: [t(locale, text)],
    passcode: null,
    offerRestart,
  });
  switch (request.state) {
    case 'awaiting_confirmation':
    case 'awaiting_approval':
    case 'approved':
    case 'executing':
      return null;
    case 'succeeded':
      return succeeded(locale, request, opts);
    case 'failed':
      return failed(locale, request);
    case 'cancelled':
      return ended('outcome.title.cancelled', 'outcome.cancelled', true);
    case 'expired':
      // With an approver set, the request expired waiting for a decision, not for the requester.
      return ended('outcome.title.expired', request.approver ? 'outcome.expiredUndecided' : 'outcome.expired', true);
    case 'rejected':
      return rejected(locale, request);
    default: {
      const _never: never = request.state;
      return _never;
    }
  }
}

function succeeded(locale: Locale, request: ResetRequest, opts: OutcomeOptions): OutcomeBody {
  const done = (paragraph: string, passcode: string | null = null, offerRestart = false): OutcomeBody => ({
    title: 'outcome.title.succeeded',
    color: 'good',
    paragraphs: [paragraph],
    passcode,
    offerRestart,
  });
  switch (request.action) {
    case 'removePasscode':
      return done(t(locale, 'outcome.removed'));
    case 'resetPasscode':
    case 'resetWorkProfilePasscode': {
      if (opts.passcodeInSeparateMessage) return done(t(locale, 'outcome.passcodeInNextMessage'));
      // Hidden wins over a passcode passed by mistake: once hidden, never shown again.
      if (opts.passcodeHidden) return done(t(locale, 'outcome.passcodeHidden'), null, true);
      if (!opts.passcode) return done(t(locale, 'outcome.noPasscode'));
      const note = request.action === 'resetWorkProfilePasscode' ? 'outcome.passcode.workProfile' : 'outcome.passcode.device';
      return done(t(locale, note), markdownText(opts.passcode, 64));
    }
    case 'revealRecoveryKey':
      // The key itself only ever travels in its own message (RecoveryKeyMessenger).
      return done(t(locale, 'recoveryKeyApproval.shown.text'));
    default: {
      const _never: never = request.action;
      return _never;
    }
  }
}

function rejected(locale: Locale, request: ResetRequest): OutcomeBody {
  const name = personName(request.decidedByName);
  const reason = reasonText(request.decisionNote);
  const paragraphs = [name ? t(locale, 'outcome.rejectedBy', { name }) : t(locale, 'outcome.rejected')];
  if (reason) paragraphs.push(t(locale, 'outcome.rejectedReason', { reason }));
  return { title: 'outcome.title.rejected', color: 'default', paragraphs, passcode: null, offerRestart: false };
}

function failed(locale: Locale, request: ResetRequest): OutcomeBody {
  const wording = failureWording(request);
  const paragraphs = wording.paragraphs.map((key) => t(locale, key));
  if (wording.helpdesk) paragraphs.push(t(locale, 'common.helpdesk'));
  return { title: 'outcome.title.failed', color: 'attention', paragraphs, passcode: null, offerRestart: wording.offerRestart };
}
