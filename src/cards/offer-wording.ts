// What an offered action will do, in plain words, per action and platform (DESIGN.md matrix).
import type { PlatformKind } from '../intune/device';
import type { RequestAction } from '../reset/request';
import type { PlainKey } from '../i18n';

export interface OfferWording {
  title: PlainKey;
  whatHappens: PlainKey;
  holderWarning: PlainKey;
  confirm: PlainKey;
  /** The same action told to an approver: third person, and where the passcode will appear. */
  forApprover: PlainKey;
  /** What this kind of device adds: legacy or out-of-support modes, what else a removal turns off. */
  notes: PlainKey[];
}

export function offerWording(action: RequestAction, platform: PlatformKind): OfferWording {
  const fullyManaged = platform === 'android-fully-managed';
  const unknownAndroid = platform === 'android-unknown';
  switch (action) {
    case 'removePasscode':
      return {
        title: 'offer.title.removePasscode',
        whatHappens: 'offer.does.removePasscode',
        holderWarning: 'offer.warning.device',
        confirm: 'offer.confirm.removePasscode',
        forApprover: 'approval.does.removePasscode',
        notes: ['offer.note.appleAfterRemoval'],
      };
    case 'resetPasscode':
      return {
        title: 'offer.title.resetPasscode',
        // Intune's docs disagree whether fully managed resets the device or the work-profile
        // passcode, so that case names only "the passcode Intune manages on this device".
        whatHappens: unknownAndroid
          ? 'offer.does.resetPasscodeUnknownAndroid'
          : fullyManaged
            ? 'offer.does.resetPasscodeFullyManaged'
            : 'offer.does.resetPasscode',
        // The risk of a temporary passcode is being seen, not the device being held.
        holderWarning: 'offer.warning.temporaryPasscode',
        confirm: 'offer.confirm.resetPasscode',
        forApprover: unknownAndroid
          ? 'approval.does.resetPasscodeUnknownAndroid'
          : fullyManaged
            ? 'approval.does.resetPasscodeFullyManaged'
            : 'approval.does.resetPasscode',
        notes: platformNotes(platform),
      };
    case 'resetWorkProfilePasscode':
      return {
        title: 'offer.title.resetWorkProfilePasscode',
        whatHappens: 'offer.does.resetWorkProfilePasscode',
        holderWarning: 'offer.warning.workProfile',
        confirm: 'offer.confirm.resetWorkProfilePasscode',
        forApprover: 'approval.does.resetWorkProfilePasscode',
        notes: [],
      };
    case 'revealRecoveryKey':
      // Not a passcode action: the helpdesk lets the PC's owner read its BitLocker key (src/recovery-key/approval.ts).
      return {
        title: 'recoveryKeyApproval.ask.title',
        whatHappens: 'recoveryKeyApproval.ask.why',
        holderWarning: 'recoveryKeyApproval.ask.next',
        confirm: 'recoveryKeyApproval.action',
        forApprover: 'recoveryKeyApproval.forApprover',
        notes: [],
      };
    default: {
      const _never: never = action;
      return _never;
    }
  }
}

function platformNotes(platform: PlatformKind): PlainKey[] {
  if (platform === 'android-device-admin') return ['offer.note.deviceAdminLegacy'];
  if (platform === 'windows-mobile') return ['offer.note.windowsMobile'];
  return [];
}
