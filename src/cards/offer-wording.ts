// What an offered action will do, in plain words, per action and platform (DESIGN.md matrix).
import type { OfferedAction, PlatformKind } from '../intune/device';
import type { PlainKey } from '../i18n';

export interface OfferWording {
  title: PlainKey;
  whatHappens: PlainKey;
  holderWarning: PlainKey;
  confirm: PlainKey;
  /** The same action told to an approver: third person, and where the passcode will appear. */
  forApprover: PlainKey;
}

export function offerWording(action: OfferedAction, platform: PlatformKind): OfferWording {
  const fullyManaged = platform === 'android-fully-managed';
  switch (action) {
    case 'removePasscode':
      return {
        title: 'offer.title.removePasscode',
        whatHappens: 'offer.does.removePasscode',
        holderWarning: 'offer.warning.device',
        confirm: 'offer.confirm.removePasscode',
        forApprover: 'approval.does.removePasscode',
      };
    case 'resetPasscode':
      return {
        title: 'offer.title.resetPasscode',
        // Intune's docs disagree whether fully managed resets the device or the work-profile
        // passcode, so that case names only "the passcode Intune manages on this device".
        whatHappens: fullyManaged ? 'offer.does.resetPasscodeFullyManaged' : 'offer.does.resetPasscode',
        holderWarning: 'offer.warning.device',
        confirm: 'offer.confirm.resetPasscode',
        forApprover: fullyManaged ? 'approval.does.resetPasscodeFullyManaged' : 'approval.does.resetPasscode',
      };
    case 'resetWorkProfilePasscode':
      return {
        title: 'offer.title.resetWorkProfilePasscode',
        whatHappens: 'offer.does.resetWorkProfilePasscode',
        holderWarning: 'offer.warning.workProfile',
        confirm: 'offer.confirm.resetWorkProfilePasscode',
        forApprover: 'approval.does.resetWorkProfilePasscode',
      };
    default: {
      const _never: never = action;
      return _never;
    }
  }
}
