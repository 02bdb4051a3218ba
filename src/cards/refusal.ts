import type { RefuseReason } from '../intune/device';
import type { DeviceSnapshot } from '../reset/request';
import { t, type Locale, type PlainKey } from '../i18n';
import { deviceFacts, viewOfSnapshot } from './device-facts';
import { renderCard, type AdaptiveCard } from './template';

/** Why this device cannot be reset here, and that the helpdesk can help. */
export function refusalCard(locale: Locale, device: DeviceSnapshot | null, reason: RefuseReason): AdaptiveCard {
  return renderCard('refusal', {
    fallbackText: t(locale, 'refusal.fallback'),
    title: t(locale, 'refusal.title'),
    facts: device ? deviceFacts(locale, viewOfSnapshot(locale, device)) : [],
    reason: t(locale, refusalKey(reason)),
    helpdesk: t(locale, 'refusal.helpdesk'),
    startAgainLabel: t(locale, 'common.button.startAgain'),
  });
}

function refusalKey(reason: RefuseReason): PlainKey {
  switch (reason) {
    case 'notPrimaryUser':
      return 'refusal.notPrimaryUser';
    case 'noPrimaryUser':
      return 'refusal.noPrimaryUser';
    case 'userEnrollment':
      return 'refusal.userEnrollment';
    case 'sharedIpad':
      return 'refusal.sharedIpad';
    case 'wipePending':
      return 'refusal.wipePending';
    case 'retirePending':
      return 'refusal.retirePending';
    case 'androidAdminTooNew':
      return 'refusal.androidAdminTooNew';
    case 'macosNoReset':
      return 'refusal.macosNoReset';
    case 'androidKindUnknown':
      return 'refusal.androidKindUnknown';
    case 'unsupportedPlatform':
      return 'refusal.unsupportedPlatform';
    default: {
      const _never: never = reason;
      return _never;
    }
  }
}
