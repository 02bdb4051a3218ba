// The BitLocker recovery-key screens (src/recovery-key): which PC, which Key ID, the key itself in
// a message of its own (hidden later), and every way of getting no key, each worded here only.
import { formatCheckIn, formatDateTime, t, type Locale, type PlainKey } from '../i18n';
import type { RecoveryKeyDevice, RevealOutcome } from '../recovery-key';
import type { Fact } from './device-facts';
import { markdownText } from './safe-text';
import { renderCard, type AdaptiveCard } from './template';

/** Outcomes that end with an explanation and no key. */
export type RecoveryKeyRefusal =
  | Exclude<RevealOutcome, { kind: 'shown' | 'wrongKeyId' | 'signInNeeded' }>
  | { kind: 'noWindowsDevices' };

/** What the Key ID card says above the input, when something needs saying. */
export type KeyIdCardNote =
  | { kind: 'none' }
  | { kind: 'invalidKeyId' }
  | { kind: 'wrongKeyId'; attemptsLeft: number }
  | { kind: 'signIn'; signInLink: string | undefined; maxAgeMs: number };

export function recoveryKeyDevicesCard(locale: Locale, devices: readonly RecoveryKeyDevice[], now: Date): AdaptiveCard {
  return renderCard('recovery-key-devices', {
    fallbackText: t(locale, 'recoveryKey.fallback'),
    title: t(locale, 'recoveryKey.picker.title'),
    intro: t(locale, 'recoveryKey.picker.intro'),
    chooseLabel: t(locale, 'recoveryKey.picker.choose'),
    devices: devices.map((device) => ({
      // The id goes into the button unchanged: the server reads the device again and checks its owner.
      id: device.id,
      name: markdownText(device.deviceName, 80) || t(locale, 'common.unknown'),
      facts: [...detailFacts(locale, device), { title: t(locale, 'common.fact.lastCheckIn'), value: formatCheckIn(locale, device.lastSyncDateTime, now) }],
    })),
  });
}

/** `keyId` is only ever a value that passed KeyIdInput (hex and hyphens), so it can go back into the input. */
export function recoveryKeyAskCard(locale: Locale, device: RecoveryKeyDevice, note: KeyIdCardNote, keyId = ''): AdaptiveCard {
  return renderCard('recovery-key-ask', keyIdCardData(locale, device, note, keyId));
}

/** What the Key ID cards (self-service, and after the helpdesk approved) share. */
export function keyIdCardData(locale: Locale, device: RecoveryKeyDevice, note: KeyIdCardNote, keyId: string) {
  const signIn = note.kind === 'signIn' ? note : undefined;
  const minutes = signIn ? Math.max(1, Math.round(signIn.maxAgeMs / 60_000)) : 0;
  return {
    fallbackText: t(locale, 'recoveryKey.fallback'),
    title: t(locale, 'recoveryKey.ask.title'),
    facts: deviceFacts(locale, device),
    where: t(locale, 'recoveryKey.ask.where'),
    onlyThis: t(locale, 'recoveryKey.ask.onlyThis'),
    hasProblem: note.kind === 'invalidKeyId' || note.kind === 'wrongKeyId',
    problem: problemText(locale, note),
    keyIdLabel: t(locale, 'recoveryKey.ask.label'),
    keyIdPlaceholder: t(locale, 'recoveryKey.ask.placeholder'),
    keyIdInvalid: t(locale, 'recoveryKey.ask.invalid'),
    keyId: /^[0-9a-f-]{0,36}$/i.test(keyId) ? keyId.toUpperCase() : '',
    signIn: signIn !== undefined,
    signInWhy: t(locale, 'recoveryKey.ask.signInWhy'),
    signInSteps: signIn?.signInLink
      ? [t(locale, 'recoveryKey.ask.signInRule', { minutes }), t(locale, 'recoveryKey.ask.signInSteps')]
      : [t(locale, 'recoveryKey.ask.signInUnavailable')],
    hasSignInLink: Boolean(signIn?.signInLink),
    signInCodeLabel: t(locale, 'recoveryKey.ask.signInCode'),
    signInLabel: t(locale, 'recoveryKey.ask.signIn'),
    signInLink: signIn?.signInLink ?? 'https://invalid.example',
    showLabel: t(locale, 'recoveryKey.ask.show'),
    deviceId: device.id,
  };
}

function problemText(locale: Locale, note: KeyIdCardNote): string {
  if (note.kind === 'invalidKeyId') return t(locale, 'recoveryKey.ask.invalid');
  if (note.kind === 'wrongKeyId') return t(locale, 'recoveryKey.ask.wrongKeyId', { left: note.attemptsLeft });
  return '';
}

/**
 * The key in a message of its own; `recoveryPassword` null: the same message after hiding. The
 * fallback text never carries the key: Teams shows it in notifications and chat previews.
 */
export function recoveryKeyCard(
  locale: Locale,
  view: { deviceName: string; keyId: string },
  recoveryPassword: string | null,
  visibleMinutes: number,
): AdaptiveCard {
  // Only the digits-and-dashes shape Graph documents can be shown; anything else counts as hidden.
  const shown = recoveryPassword !== null && /^\d{6}(-\d{6}){7}$/.test(recoveryPassword) ? recoveryPassword : null;
  const facts: Fact[] = [
    { title: t(locale, 'common.fact.device'), value: markdownText(view.deviceName, 80) || t(locale, 'common.unknown') },
    { title: t(locale, 'recoveryKey.key.keyId'), value: markdownText(view.keyId.toUpperCase(), 40) },
  ];
  return renderCard('recovery-key', {
    fallbackText: t(locale, shown ? 'recoveryKey.fallback' : 'recoveryKey.key.fallbackHidden'),
    title: t(locale, shown ? 'recoveryKey.key.title' : 'recoveryKey.key.titleHidden'),
    facts,
    hasKey: shown !== null,
    keyLabel: t(locale, 'recoveryKey.key.label'),
    key: shown ?? '',
    paragraphs: shown
      ? [t(locale, 'recoveryKey.key.type'), t(locale, 'recoveryKey.key.private'), t(locale, 'recoveryKey.key.hides', { minutes: visibleMinutes })]
      : [t(locale, 'recoveryKey.key.hidden')],
  });
}

/** The answer to the Show key click when it worked: the key itself is in the next message. */
export function recoveryKeyShownCard(locale: Locale, device: RecoveryKeyDevice, hideAt: string): AdaptiveCard {
  return infoCard(locale, 'recoveryKey.shown.title', deviceFacts(locale, device), [t(locale, 'recoveryKey.shown.where', { time: formatDateTime(locale, hideAt) })]);
}

export function recoveryKeyRefusalCard(locale: Locale, refusal: RecoveryKeyRefusal): AdaptiveCard {
  const facts = 'device' in refusal ? deviceFacts(locale, refusal.device) : [];
  return infoCard(locale, 'recoveryKey.info.title', facts, [refusalText(locale, refusal)]);
}

function refusalText(locale: Locale, refusal: RecoveryKeyRefusal): string {
  switch (refusal.kind) {
    case 'off':
      return t(locale, 'recoveryKey.off');
    case 'noWindowsDevices':
      return t(locale, 'recoveryKey.noWindowsDevices');
    case 'notAllowed':
      return t(locale, 'recoveryKey.notAllowed');
    case 'tooManyAttempts':
      return t(locale, 'recoveryKey.tooManyAttempts', { limit: refusal.limit, retryAt: formatDateTime(locale, refusal.retryAt) });
    case 'notYourDevice':
      return t(locale, 'recoveryKey.notYourDevice');
    case 'deviceNotFound':
      return t(locale, 'recoveryKey.deviceNotFound');
    case 'notWindows':
      return t(locale, 'recoveryKey.notWindows');
    case 'noEntraDevice':
      return t(locale, 'recoveryKey.noEntraDevice');
    case 'unavailable':
      return t(locale, 'recoveryKey.unavailable');
    case 'notDelivered':
      return t(locale, 'recoveryKey.notDelivered');
    case 'approvalNeeded':
      return t(locale, 'recoveryKeyApproval.notApproved');
    default: {
      const unhandled: never = refusal;
      throw new Error(`unworded recovery-key refusal ${JSON.stringify(unhandled)}`);
    }
  }
}

function infoCard(locale: Locale, title: PlainKey, facts: Fact[], paragraphs: string[]): AdaptiveCard {
  return renderCard('recovery-key-info', {
    fallbackText: t(locale, 'recoveryKey.fallback'),
    title: t(locale, title),
    hasFacts: facts.length > 0,
    facts,
    paragraphs,
  });
}

export function deviceFacts(locale: Locale, device: RecoveryKeyDevice): Fact[] {
  return [{ title: t(locale, 'common.fact.device'), value: markdownText(device.deviceName, 80) || t(locale, 'common.unknown') }, ...detailFacts(locale, device)];
}

function detailFacts(locale: Locale, device: RecoveryKeyDevice): Fact[] {
  return [
    { title: t(locale, 'common.fact.model'), value: markdownText(device.model, 80) || t(locale, 'common.unknown') },
    { title: t(locale, 'common.fact.os'), value: markdownText(`Windows ${device.osVersion}`.trim(), 60) },
  ];
}
