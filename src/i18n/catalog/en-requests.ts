// English source, part 2: a request's life (progress, outcome, status) and the problem notices.
// Never put a passcode into a fallback text: Teams shows it in notifications and chat previews.

export const enRequests = {
  'progress.fallback': 'Your passcode reset is in progress.',
  'progress.title': 'Reset in progress',
  'progress.awaitingConfirmation': 'This request is waiting for you to confirm it.',
  'progress.awaitingHelpdesk': 'Your request is waiting for approval by the helpdesk.',
  'progress.awaitingManager': 'Your request is waiting for approval by your manager, {manager}.',
  'progress.awaitingManagerUnnamed': 'Your request is waiting for approval by your manager.',
  'progress.awaitingUntil': 'If nobody decides by {time}, it expires.',
  'progress.nothingSentYet': 'Nothing has been sent to your device yet. You will see the decision here.',
  'progress.approved': 'Confirmed. I am asking Intune now.',
  'progress.executing': 'Confirmed. Intune was asked at {time}.',
  'progress.checkIn':
    'The device must be switched on and online so that it checks in with Intune and receives the reset. This usually takes a few minutes, sometimes longer.',
  'progress.updates': 'This card updates itself when Intune reports back.',
  'progress.finished': 'This request is finished: {state}.',

  'outcome.fallback': 'There is news about your passcode reset.',
  'outcome.title.succeeded': 'Done',
  'outcome.title.failed': 'The reset did not work',
  'outcome.title.cancelled': 'Request cancelled',
  'outcome.title.expired': 'Request expired',
  'outcome.title.rejected': 'Request declined',
  'outcome.removed':
    'The passcode was removed from this device. If your organisation requires a passcode, the device asks you to set a new one; otherwise set one yourself in Settings so that the device stays protected.',
  'outcome.passcode.label': 'Temporary passcode',
  'outcome.passcode.device':
    "Unlock the device with this temporary passcode and change it now in Settings. Anyone who sees it can unlock the device: don't share your screen while it is shown. This card hides the passcode in a few minutes.",
  'outcome.passcode.workProfile':
    "Open your work profile with this temporary passcode and set a new work profile passcode now. Anyone who sees it can open your work profile: don't share your screen while it is shown. This card hides the passcode in a few minutes.",
  'outcome.passcodeInNextMessage':
    'Your temporary passcode is in the next message. It is shown there for a few minutes only.',
  'outcome.passcodeHidden': 'The temporary passcode was shown here and is now hidden. If you missed it, start a new reset.',
  'outcome.noPasscode':
    'Intune reports the reset as done but has not handed over a temporary passcode. Contact your IT helpdesk.',
  'outcome.failed.deviceNotOwned': 'You are no longer the primary user of this device, so I stopped before asking Intune.',
  'outcome.failed.deviceGone': 'Intune no longer knows this device; it may have been retired or deleted.',
  'outcome.failed.deviceNoLongerEligible':
    'The device changed since you asked (for example, a wipe is now pending), so a passcode reset is no longer possible. I stopped before asking Intune.',
  'outcome.failed.actionFailedApple':
    'Intune reported that removing the passcode failed. This happens when Intune holds a wrong unlock token for the device; then only a wipe, which erases everything on the device, can recover it. Please do not try again: contact your IT helpdesk.',
  'outcome.failed.actionFailedWorkProfile': 'Intune reported that resetting the work profile passcode failed. Usually one of these is the cause:',
  'outcome.failed.workProfileToken':
    '- The reset token of the work profile is not active. Android asks once, after the work profile passcode policy arrives, to confirm your work profile passcode; that activates the token, and if the prompt was skipped a reset cannot work.',
  'outcome.failed.workProfilePolicy':
    '- No work profile passcode policy applies to this device. An Intune administrator must assign one before a reset can work.',
  'outcome.failed.actionFailedOther': 'Intune reported that the reset failed on the device.',
  'outcome.failed.actionNotSupported': 'Intune reports that this device does not support a passcode reset.',
  'outcome.failed.actionCanceled': 'The action was cancelled in Intune, for example by an administrator.',
  'outcome.failed.actionNotConfirmed':
    'Intune did not confirm the request, and nothing is known to have been sent to your device. Please try again later.',
  'outcome.failed.timedOut':
    'Intune accepted the request, but the device did not report back in time. It may still happen when the device next checks in. If the device is still locked later, contact your IT helpdesk.',
  'outcome.failed.graphPermissionMissing':
    'The bot is not yet allowed to do this in Intune: an administrator must grant it permission. Nothing was sent to your device.',
  'outcome.failed.graphUnavailable':
    'Intune could not be reached, so the request could not be completed. Please try again in a few minutes.',
  'outcome.failed.unknown': 'The reset failed for a reason Intune did not tell us.',
  'outcome.cancelled': 'You cancelled this request. Nothing was sent to your device.',
  'outcome.expired':
    'This request expired before it went ahead. Nothing was sent to your device. Start again if you still need a reset.',
  'outcome.rejected':
    'The helpdesk declined this request, so nothing was sent to your device. Contact them if you have questions.',
  'outcome.rejectedBy': '{name} declined this request, so nothing was sent to your device.',
  'outcome.rejectedReason': 'Reason given: {reason}',
  'outcome.expiredUndecided':
    'Nobody approved or rejected this request in time, so it expired. Nothing was sent to your device. Start again if you still need a reset.',

  'status.fallback': 'Your PIN reset requests.',
  'status.title': 'Your PIN reset requests',
  'status.empty': 'You have no open PIN reset requests.',
  'status.cancel': 'Cancel this request',

  'personalChat.fallback': 'PIN resets happen in a personal chat with the bot.',
  'personalChat.title': "Let's continue in a personal chat",
  'personalChat.body':
    'For your safety, PIN resets happen only in a personal chat with me, never in a channel or group chat: a temporary passcode must not be seen by others.',
  'personalChat.open': 'Open personal chat',

  'problem.fallback': 'Your last step did not work.',
  'problem.title': "That didn't work",
  'problem.tenantNotAllowed': 'This bot is not available for your organisation.',
  'problem.missingIdentity':
    'Teams did not tell me who you are, so I cannot look up your devices. Please try again from the Teams app.',
  'problem.personalChatOnly':
    'PIN resets happen only in a personal chat with me. Open a personal chat and write "reset my PIN".',
  'problem.requestNotFound': 'I cannot find that request any more. Please start again.',
  'problem.notYourRequest': 'This request belongs to someone else. Only the person who asked can use its buttons.',
  'problem.requestClosed': 'This request is already closed ({state}), so nothing more can be done with it.',
  'problem.deviceNotFound':
    'That device is no longer listed for you in Intune. Please start again to see your current devices.',
  'problem.deviceHasOpenRequest': 'This device already has a reset request in progress. You can follow it under My requests.',
  'problem.graphPermissionMissing':
    'The bot is missing the Microsoft Graph permission {permission}. An administrator must grant it. Nothing was sent to your device.',
  'problem.graphUnavailable':
    'Intune could not be reached just now. Nothing was sent to your device. Please try again in a few minutes.',
  'problem.invalidAction': 'That button is no longer valid. Please start again.',
  'problem.slowDown': 'Please slow down: I look things up in Intune for at most {limit} of your messages a minute. Try again in a minute.',
  'problem.tooManyRequests': 'You have asked for {limit} resets in the last 24 hours, the most allowed. You can ask again after {retryAt}, or contact your IT helpdesk now.',
} as const;
