// The temporary passcode, in a personal-chat message of its own: the request card can then be
// updated freely, and this one message is what the bot hides after a few minutes.
import type { PasscodeAgainRefusal } from '../reset/passcode-again';
import type { ResetRequest } from '../reset/request';
import { t, type Locale, type PlainKey } from '../i18n';
import { deviceFacts, viewOfSnapshot } from './device-facts';
import { noticeCard } from './notice';
import { markdownText } from './safe-text';
import { renderCard, type AdaptiveCard } from './template';

/** `passcode` null: the message after hiding, which says the passcode was here. */
export function passcodeCard(locale: Locale, request: ResetRequest, passcode: string | null): AdaptiveCard {
  // An empty string would show an empty box: treat it as hidden, never as a passcode.
  const shown = passcode ? markdownText(passcode, 64) : null;
  return renderCard('passcode', {
    // Never the passcode: Teams shows fallbackText in notifications and chat previews.
    fallbackText: t(locale, shown ? 'passcode.fallback' : 'passcode.fallbackHidden'),
    title: t(locale, shown ? 'passcode.title' : 'passcode.titleHidden'),
    facts: deviceFacts(locale, viewOfSnapshot(locale, request.device)),
    hasPasscode: shown !== null,
    passcodeLabel: t(locale, 'outcome.passcode.label'),
    passcode: shown ?? '',
    paragraphs: shown
      ? [t(locale, whatToDo(request)), t(locale, seenBy(request)), t(locale, 'passcode.private'), t(locale, 'passcode.hides')]
      : [t(locale, 'passcodeAgain.hidden'), t(locale, 'passcodeAgain.offer')],
    // Said once, where the passcode was: the hidden text does not erase what Teams already kept.
    notes: shown ? [] : [t(locale, 'passcodeAgain.retention')],
    // The button routes only: the server re-reads request, owner, device and passcode (README "Show passcode again").
    showAgain: shown ? [] : [{ title: t(locale, 'passcodeAgain.button'), requestId: request.id }],
  });
}

/** Why "Show passcode again" shows nothing; worded here, decided in src/reset/passcode-again.ts. */
export function passcodeAgainRefusedCard(locale: Locale, reason: PasscodeAgainRefusal): AdaptiveCard {
  return noticeCard({
    fallbackText: t(locale, 'passcodeAgain.refused.fallback'),
    title: t(locale, 'passcodeAgain.refused.title'),
    paragraphs: [t(locale, refusalText(reason))],
  });
}

function refusalText(reason: PasscodeAgainRefusal): PlainKey {
  switch (reason) {
    case 'requestNotFound':
    case 'notYourRequest':
      return 'passcodeAgain.refused.notYours';
    case 'noPasscode':
      return 'passcodeAgain.refused.noPasscode';
    case 'tooOld':
      return 'passcodeAgain.refused.tooOld';
    case 'notYourDevice':
      return 'passcodeAgain.refused.notYourDevice';
    case 'intuneUnavailable':
      return 'passcodeAgain.refused.unavailable';
    default: {
      const _never: never = reason;
      return _never;
    }
  }
}

/** Whoever sees the passcode can use it: a shared screen in a meeting is the likely way. */
function seenBy(request: ResetRequest): PlainKey {
  return request.action === 'resetWorkProfilePasscode' ? 'passcode.screen.workProfile' : 'passcode.screen.device';
}

function whatToDo(request: ResetRequest): PlainKey {
  switch (request.action) {
    case 'resetWorkProfilePasscode':
      return 'passcode.workProfile';
    // Removal issues no passcode; should one arrive anyway, the device wording is the safe one.
    case 'resetPasscode':
    case 'removePasscode':
    case 'revealRecoveryKey':
      return 'passcode.device';
    default: {
      const _never: never = request.action;
      return _never;
    }
  }
}
