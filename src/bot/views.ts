import type { AdaptiveCard } from '../cards';
import {
  devicePickerCard,
  guidanceCard,
  noDevicesCard,
  offerCard,
  passcodeAgainRefusedCard,
  passcodeCard,
  problemCard,
  refusalCard,
  requestCard,
} from '../cards';
import type { Locale } from '../i18n';
import type { PasscodeAgain, RequestStep, StartOutcome } from '../reset';

/** `offerRecoveryKey`: the Windows guidance card gets the BitLocker recovery-key button (RECOVERY_KEY_POLICY). */
export function startCard(locale: Locale, outcome: StartOutcome, now: Date, options: { offerRecoveryKey?: boolean } = {}): AdaptiveCard {
  switch (outcome.kind) {
    case 'noDevices':
      return noDevicesCard(locale);
    case 'pick':
      return devicePickerCard(locale, outcome.devices, now);
    case 'offer':
      return offerCard(locale, outcome.request, outcome.staleDays);
    case 'guide':
      return guidanceCard(locale, outcome.device, outcome.topic, options);
    case 'refuse':
      return refusalCard(locale, outcome.device, outcome.reason);
    case 'inProgress':
      return requestCard(locale, outcome.request);
    case 'problem':
      return problemCard(locale, outcome.problem);
    default: {
      const unknownKind: never = outcome;
      throw new Error(`no card for ${JSON.stringify(unknownKind)}`);
    }
  }
}

export function stepCard(locale: Locale, step: RequestStep): AdaptiveCard {
  return step.kind === 'request' ? requestCard(locale, step.request) : problemCard(locale, step.problem);
}

/** The passcode read again from Graph replaces the hidden message for the clicker only (the invoke answer). */
export function passcodeAgainCard(locale: Locale, outcome: PasscodeAgain): AdaptiveCard {
  return outcome.kind === 'passcode' ? passcodeCard(locale, outcome.request, outcome.passcode) : passcodeAgainRefusedCard(locale, outcome.reason);
}
