import type { Locale } from '../i18n';
import { isRecoveryKeyRequest, type ResetRequest } from '../reset/request';
import { offerCard } from './offer';
import { outcomeCard } from './outcome';
import { progressCard } from './progress';
import { recoveryKeyRequestCard } from './recovery-key-approval';
import type { AdaptiveCard } from './template';

/** The one card that shows a request where it is now, in the requester's personal chat. */
export function requestCard(locale: Locale, request: ResetRequest): AdaptiveCard {
  if (isRecoveryKeyRequest(request)) return recoveryKeyRequestCard(locale, request);
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
      // A temporary passcode is only ever in its own message (see PasscodeMessenger).
      return outcomeCard(locale, request, { passcodeInSeparateMessage: true });
    default: {
      const unknownState: never = request.state;
      throw new Error(`no card for state ${String(unknownState)}`);
    }
  }
}
