// Why a request failed, worded per FailureReason and, where the cause differs, per platform.
import type { ResetRequest } from '../reset/request';
import type { PlainKey } from '../i18n';
import { isApple } from './wording';

export interface FailureWording {
  paragraphs: PlainKey[];
  /** Add the "contact your helpdesk" line (some paragraphs already say it). */
  helpdesk: boolean;
  /** Offer "Start again": only where trying again is safe and may help. */
  offerRestart: boolean;
}

export function failureWording(request: Pick<ResetRequest, 'failureReason' | 'action' | 'device'>): FailureWording {
  const reason = request.failureReason;
  switch (reason) {
    case null:
      return { paragraphs: ['outcome.failed.unknown'], helpdesk: true, offerRestart: false };
    case 'deviceNotOwned':
      return { paragraphs: ['outcome.failed.deviceNotOwned'], helpdesk: true, offerRestart: false };
    case 'deviceGone':
      return { paragraphs: ['outcome.failed.deviceGone'], helpdesk: true, offerRestart: false };
    case 'deviceNoLongerEligible':
      return { paragraphs: ['outcome.failed.deviceNoLongerEligible'], helpdesk: true, offerRestart: false };
    case 'actionFailed':
      return actionFailed(request);
    case 'actionNotSupported':
      return notSupported(request);
    case 'actionCanceled':
      return { paragraphs: ['outcome.failed.actionCanceled'], helpdesk: true, offerRestart: true };
    case 'actionNotConfirmed':
      return { paragraphs: ['outcome.failed.actionNotConfirmed'], helpdesk: false, offerRestart: true };
    case 'timedOut':
      // The action may still reach the device: offering to send another one would be wrong.
      // Windows 10 Mobile is followed for a shorter wait and may never check in: say so.
      return {
        paragraphs: [request.device.platform === 'windows-mobile' ? 'outcome.failed.timedOutWindowsMobile' : 'outcome.failed.timedOut'],
        helpdesk: false,
        offerRestart: false,
      };
    case 'graphPermissionMissing':
      return { paragraphs: ['outcome.failed.graphPermissionMissing'], helpdesk: true, offerRestart: false };
    case 'graphUnavailable':
      return { paragraphs: ['outcome.failed.graphUnavailable'], helpdesk: false, offerRestart: true };
    default: {
      const _never: never = reason;
      return _never;
    }
  }
}

function actionFailed(request: Pick<ResetRequest, 'action' | 'device'>): FailureWording {
  // On Apple devices a failed removal usually means a stale unlock token: retrying cannot help
  // and only a wipe recovers, so no "Start again".
  if (request.action === 'removePasscode' || isApple(request.device.platform)) {
    return { paragraphs: ['outcome.failed.actionFailedApple'], helpdesk: false, offerRestart: false };
  }
  if (request.action === 'resetWorkProfilePasscode') {
    // The helpdesk cannot unlock a work profile either: removing and re-enrolling it is the way back.
    return {
      paragraphs: [
        'outcome.failed.actionFailedWorkProfile',
        'outcome.failed.workProfileToken',
        'outcome.failed.workProfilePolicy',
        'outcome.failed.workProfileWayBack',
      ],
      helpdesk: false,
      offerRestart: false,
    };
  }
  return { paragraphs: ['outcome.failed.actionFailedOther'], helpdesk: true, offerRestart: false };
}

/**
 * On a work profile, `notSupported` is how an inactive reset token (or a missing work-profile
 * passcode policy) shows up, not a device that lacks the feature: explain that and the way back.
 */
function notSupported(request: Pick<ResetRequest, 'action'>): FailureWording {
  if (request.action !== 'resetWorkProfilePasscode') {
    return { paragraphs: ['outcome.failed.actionNotSupported'], helpdesk: true, offerRestart: false };
  }
  return {
    paragraphs: ['outcome.failed.workProfileNotSupported', 'outcome.failed.workProfileWayBack'],
    helpdesk: false,
    offerRestart: false,
  };
}

/**
 * The same failure told to someone other than the requester (approver, manager): one sentence,
 * third person, no advice meant for the requester. Never a passcode: the request does not hold one.
 */
export function failureForOthers(request: Pick<ResetRequest, 'failureReason' | 'action' | 'device'>): PlainKey {
  const reason = request.failureReason;
  switch (reason) {
    case null:
      return 'approval.failed.unknown';
    case 'actionFailed':
      if (request.action === 'removePasscode' || isApple(request.device.platform)) return 'approval.failed.actionFailedApple';
      return request.action === 'resetWorkProfilePasscode' ? 'approval.failed.actionFailedWorkProfile' : 'approval.failed.actionFailedOther';
    case 'deviceNotOwned':
      return 'approval.failed.deviceNotOwned';
    case 'deviceGone':
      return 'approval.failed.deviceGone';
    case 'deviceNoLongerEligible':
      return 'approval.failed.deviceNoLongerEligible';
    case 'actionNotSupported':
      return request.action === 'resetWorkProfilePasscode' ? 'approval.failed.actionFailedWorkProfile' : 'approval.failed.actionNotSupported';
    case 'actionCanceled':
      return 'approval.failed.actionCanceled';
    case 'actionNotConfirmed':
      return 'approval.failed.actionNotConfirmed';
    case 'timedOut':
      return 'approval.failed.timedOut';
    case 'graphPermissionMissing':
      return 'approval.failed.graphPermissionMissing';
    case 'graphUnavailable':
      return 'approval.failed.graphUnavailable';
    default: {
      const _never: never = reason;
      return _never;
    }
  }
}
