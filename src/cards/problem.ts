import type { Problem } from '../reset/problems';
import { formatDateTime, t, type Locale } from '../i18n';
import { markdownText } from './safe-text';
import { renderCard, type AdaptiveCard } from './template';
import { stateWords } from './wording';

interface ProblemWording {
  message: string;
  offerRestart: boolean;
  offerStatus: boolean;
}

/** Every expected problem of a user's step, worded in this one place. */
export function problemCard(locale: Locale, problem: Problem): AdaptiveCard {
  const wording = problemWording(locale, problem);
  return renderCard('problem', {
    fallbackText: t(locale, 'problem.fallback'),
    title: t(locale, 'problem.title'),
    message: wording.message,
    offerRestart: wording.offerRestart,
    offerStatus: wording.offerStatus,
    startAgainLabel: t(locale, 'common.button.startAgain'),
    statusLabel: t(locale, 'common.button.status'),
  });
}

function problemWording(locale: Locale, problem: Problem): ProblemWording {
  const says = (message: string, offerRestart = false, offerStatus = false): ProblemWording => ({
    message,
    offerRestart,
    offerStatus,
  });
  switch (problem.kind) {
    case 'tenantNotAllowed':
      return says(t(locale, 'problem.tenantNotAllowed'));
    case 'missingIdentity':
      return says(t(locale, 'problem.missingIdentity'));
    case 'personalChatOnly':
      return says(t(locale, 'problem.personalChatOnly'));
    case 'requestNotFound':
      return says(t(locale, 'problem.requestNotFound'), true);
    case 'notYourRequest':
      return says(t(locale, 'problem.notYourRequest'));
    case 'requestClosed':
      return says(t(locale, 'problem.requestClosed', { state: stateWords(locale, problem.state) }), false, true);
    case 'deviceNotFound':
      return says(t(locale, 'problem.deviceNotFound'), true);
    case 'deviceHasOpenRequest':
      return says(t(locale, 'problem.deviceHasOpenRequest'), false, true);
    case 'graphPermissionMissing':
      // Our own constant today, but escaped anyway: it is not catalog text.
      return says(t(locale, 'problem.graphPermissionMissing', { permission: markdownText(problem.permission) }));
    case 'graphUnavailable':
      return says(t(locale, 'problem.graphUnavailable'), true);
    case 'invalidAction':
      return says(t(locale, 'problem.invalidAction'), true);
    case 'tooManyRequests':
      return says(t(locale, 'problem.tooManyRequests', { limit: String(problem.limit), retryAt: formatDateTime(locale, problem.retryAt) }), false, true);
    case 'slowDown':
      return says(t(locale, 'problem.slowDown', { limit: String(problem.limit) }));
    default: {
      const _never: never = problem;
      return _never;
    }
  }
}
