// The temporary passcode, in a personal-chat message of its own: the request card can then be
// updated freely, and this one message is what the bot hides after a few minutes.
import type { ResetRequest } from '../reset/request';
import { t, type Locale, type PlainKey } from '../i18n';
import { deviceFacts, viewOfSnapshot } from './device-facts';
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
      : [t(locale, 'outcome.passcodeHidden')],
  });
}

/** Whoever sees the passcode can use it: a shared screen in a meeting is the likely way. */
function seenBy(request: ResetRequest): PlainKey {
  return request.action === 'resetWorkProfilePasscode' ? 'passcode.screen.workProfile' : 'passcode.screen.device';
}

function whatToDo(request: ResetRequest): PlainKey {
  switch (request.action) {
    case 'resetWorkProfilePasscode':
      return 'passcode.workProfile';
    case 'resetPasscode':
    // Removal issues no passcode; should one arrive anyway, the device wording is the safe one.
    case 'removePasscode':
      return 'passcode.device';
    default: {
      const _never: never = request.action;
      return _never;
    }
  }
}
