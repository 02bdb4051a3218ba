// English source, part 3: the approval card the helpdesk channel (or the manager) sees, and the
// problems a decision can meet. Addressed to the approver, so it speaks of "the requester".
// Names and the rejection reason arrive escaped from src/cards; nothing here is markup on purpose.

export const enApproval = {
  'approval.fallback.waiting': 'A PIN reset request is waiting for approval.',
  'approval.fallback.decided': 'A PIN reset request was updated: {state}.',

  'approval.title.awaitingConfirmation': 'PIN reset not confirmed yet',
  'approval.title.awaitingApproval': 'PIN reset waiting for approval',
  'approval.title.approved': 'PIN reset approved',
  'approval.title.executing': 'PIN reset approved and sent to Intune',
  'approval.title.succeeded': 'PIN reset done',
  'approval.title.failed': 'PIN reset failed',
  'approval.title.rejected': 'PIN reset rejected',
  'approval.title.cancelled': 'PIN reset cancelled',
  'approval.title.expired': 'PIN reset expired',

  'approval.fact.requester': 'Requester',
  'approval.fact.ownership': 'Ownership',
  'approval.fact.action': 'Action',
  'approval.fact.expires': 'Expires',
  'approval.fact.decides': 'Decides',
  'approval.fact.manager': 'Manager',
  'approval.ownership.personal': 'Personal device',
  'approval.ownership.company': 'Company device',

  'approval.decides.helpdesk': 'A member of the helpdesk group',
  'approval.decides.manager': "{name}, the requester's manager",
  'approval.decides.managerUnnamed': "The requester's manager",
  'approval.decides.none': 'No approval needed',

  'approval.manager.pending': '{name}, about to be notified',
  'approval.manager.notified': '{name}, notified',
  'approval.manager.notNotified': '{name}, not notified',
  'approval.manager.noManager': 'No manager in Entra ID',
  'approval.manager.unnamed': 'The manager',
  'approval.manager.warning':
    'Manager not notified: the message to the manager could not be delivered. Tell them yourself if your process requires it.',

  'approval.whatHappens.title': 'What approving does',
  'approval.does.removePasscode':
    'Intune removes the passcode from the device at its next check-in. Until a new passcode is set, anyone holding the device can open it.',
  'approval.does.resetPasscode':
    "Intune replaces the device's passcode with a temporary one, shown only to the requester in their personal chat with the bot.",
  'approval.does.resetPasscodeFullyManaged':
    'Intune resets the passcode it manages on this device and issues a temporary passcode, shown only to the requester in their personal chat with the bot.',
  'approval.does.resetWorkProfilePasscode':
    "Intune resets only the work profile passcode (the device's own unlock does not change) and issues a temporary one, shown only to the requester in their personal chat with the bot.",

  'approval.status.notConfirmed': 'The requester has not confirmed this request yet.',
  'approval.status.decide':
    'Approve to send the reset to the device, or reject it with a reason. The requester is told either way.',
  'approval.status.waitingHelpdesk': 'Waiting for a helpdesk member to approve or reject it.',
  'approval.status.waitingManager': 'Waiting for the manager, {name}, to approve or reject it.',
  'approval.status.waitingManagerUnnamed': "Waiting for the requester's manager to approve or reject it.",
  'approval.status.approvedBy': 'Approved by {name}.',
  'approval.status.approved': 'The reset is about to be sent to Intune.',
  'approval.status.executing': 'Intune was asked at {time}; the reset reaches the device when it next checks in.',
  'approval.status.succeeded': 'Intune reports the reset as done.',
  'approval.status.failed': 'The reset did not work. {why}',
  'approval.status.rejectedBy': 'Rejected by {name}.',
  'approval.status.reason': 'Reason: {reason}',
  'approval.status.expiredAt': 'Nobody decided before {time}, so the request expired. Nothing was sent to the device.',
  'approval.status.expired': 'Nobody decided in time, so the request expired. Nothing was sent to the device.',
  'approval.status.cancelled': 'The requester cancelled this request. Nothing was sent to the device.',
  'approval.someone': 'someone',

  'approval.failed.unknown': 'Intune did not say why.',
  'approval.failed.deviceNotOwned': "The requester is no longer the device's primary user, so nothing was sent.",
  'approval.failed.deviceGone': 'Intune no longer knows the device; it may have been retired or deleted.',
  'approval.failed.deviceNoLongerEligible':
    'The device changed after the request (for example, a wipe is pending), so nothing was sent.',
  'approval.failed.actionFailedApple':
    'Intune reports that removing the passcode failed, usually because Intune holds a wrong unlock token; then only a wipe, which erases everything on the device, recovers it.',
  'approval.failed.actionFailedWorkProfile':
    'Intune reports that the work profile passcode reset failed: usually the reset token was never activated on the device, or no work profile passcode policy applies.',
  'approval.failed.actionFailedOther': 'Intune reports that the reset failed on the device.',
  'approval.failed.actionNotSupported': 'Intune reports that the device does not support a passcode reset.',
  'approval.failed.actionCanceled': 'The action was cancelled in Intune.',
  'approval.failed.actionNotConfirmed': 'Intune did not confirm the request; nothing is known to have reached the device.',
  'approval.failed.timedOut': 'The device did not report back in time; the reset may still happen at its next check-in.',
  'approval.failed.graphPermissionMissing':
    'The bot lacks the Intune permission for this action; an administrator must grant it. Nothing was sent.',
  'approval.failed.graphUnavailable': 'Intune could not be reached, so nothing was sent.',

  'approval.button.approve': 'Approve',
  'approval.button.reject': 'Reject',
  'approval.button.confirmReject': 'Reject request',
  'approval.reason.label': 'Reason for rejecting (the requester sees it)',
  'approval.reason.placeholder': 'Why?',
  'approval.reason.required': 'Please give a reason.',

  'approvalProblem.fallback': 'Your decision on a PIN reset request was not recorded.',
  'approvalProblem.title': 'Decision not recorded',
  'approvalProblem.notApprover':
    "Only members of the helpdesk group (or the requester's manager, where the manager decides) can approve or reject this request.",
  'approvalProblem.ownRequest': 'You cannot approve or reject your own request.',
  'approvalProblem.alreadyDecided': 'Someone already decided on this request.',
  'approvalProblem.expired': 'This request expired before anyone decided. Nothing was sent to the device.',
  'approvalProblem.notFound': 'I cannot find this request any more.',
  'approvalProblem.directoryUnavailable':
    'I could not check in Entra ID whether you may decide on this request. Please try again in a few minutes.',

  'approvalView.notForYou.fallback': 'A PIN reset request that is not for you.',
  'approvalView.notForYou.title': 'Not for you',
  'approvalView.notForYou.text':
    'This PIN reset request is only for the person who asked and for the people who approve it, so its details are not shown to you.',

  'helpdeskCommand.wrongPlace.fallback': 'Helpdesk commands are answered elsewhere.',
  'helpdeskCommand.wrongPlace.title': 'Not here',
  'helpdeskCommand.wrongPlace.text':
    'pending and history show people and their devices, so I answer them only in the approval channel or in your personal chat with me.',
} as const;
