import type { AdaptiveCard } from '../cards';
import {
  devicePickerCard,
  guidanceCard,
  noDevicesCard,
  offerCard,
  outcomeCard,
  problemCard,
  progressCard,
  refusalCard,
} from '../cards';
import type { Locale } from '../i18n';
import type { RequestStep, StartOutcome } from '../reset';
import type { ResetRequest } from '../reset/request';

/** The one card that shows a request where it is now. */
export function requestCard(locale: Locale, request: ResetRequest, extra: { passcode?: string; passcodeHidden?: boolean } = {}): AdaptiveCard {
  switch (request.state) {
    case 'awaiting_confirmation':
      return offerCard(locale, request, null);
    case 'awaiting_approval':
    case 'approved':
    case 'executing':
      return progressCard(locale, request);
    case 'succeeded':
    case 'failed':
    case 'rejected':
    case 'cancelled':
    case 'expired':
      return outcomeCard(locale, request, extra);
    default: {
      const unknownState: never = request.state;
      throw new Error(`no card for state ${String(unknownState)}`);
    }
  }
}

export function startCard(locale: Locale, outcome: StartOutcome, now: Date): AdaptiveCard {
  switch (outcome.kind) {
    case 'noDevices':
      return noDevicesCard(locale);
    case 'pick':
      return devicePickerCard(locale, outcome.devices, now);
    case 'offer':
      return offerCard(locale, outcome.request, outcome.staleDays);
    case 'guide':
      return guidanceCard(locale, outcome.device, outcome.topic);
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
