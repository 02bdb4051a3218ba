// English source, part 1: screens before a request exists (help, devices, offer, guidance, refusal).
// TextBlocks render markdown, so ** here is intended; untrusted values are escaped by src/cards.

export const enScreens = {
  'common.helpdesk': 'If you need help, contact your IT helpdesk and mention this message.',
  'common.button.startReset': 'Reset my PIN',
  'common.button.startAgain': 'Start again',
  'common.button.lookAgain': 'Look again',
  'common.button.status': 'My requests',
  'common.fact.device': 'Device',
  'common.fact.model': 'Model',
  'common.fact.os': 'Operating system',
  'common.fact.type': 'Type',
  'common.fact.lastCheckIn': 'Last check-in',
  'common.fact.state': 'State',
  'common.fact.requested': 'Requested',
  'common.unknown': 'unknown',

  'date.never': 'never',
  'date.withRelative': '{date} ({relative})',

  'platform.ios': 'iPhone (iOS)',
  'platform.ipados': 'iPad (iPadOS)',
  'platform.androidWorkProfile': 'Android, personally owned work profile',
  'platform.androidCorporateWorkProfile': 'Android, corporate-owned with work profile',
  'platform.androidFullyManaged': 'Android, fully managed device',
  'platform.androidDedicated': 'Android, dedicated device',
  'platform.androidAosp': 'Android (AOSP)',
  'platform.androidDeviceAdmin': 'Android, device administrator (legacy)',
  'platform.windows': 'Windows PC',
  'platform.windowsMobile': 'Windows 10 Mobile (out of support)',
  'platform.macos': 'Mac (macOS)',
  'platform.linux': 'Linux',
  'platform.chromeos': 'ChromeOS',
  'platform.unknown': 'Unknown kind of device',

  'state.awaitingConfirmation': 'Waiting for you to confirm',
  'state.awaitingApproval': 'Waiting for helpdesk approval',
  'state.approved': 'Approved, about to be sent to Intune',
  'state.executing': 'Sent to Intune, waiting for the device',
  'state.succeeded': 'Done',
  'state.failed': 'Failed',
  'state.rejected': 'Declined by the helpdesk',
  'state.cancelled': 'Cancelled',
  'state.expired': 'Expired',

  'help.fallback': 'PIN reset bot: resets the PIN or passcode of a device your organisation manages with Intune.',
  'help.title': 'Forgot your device PIN or passcode?',
  'help.intro':
    'I reset the PIN or passcode of a phone or tablet that your organisation manages with Microsoft Intune, and explain what to do where a remote reset is not possible (for example on a Windows PC).',
  'help.safety':
    'I only show devices where you are the primary user, and nothing is sent to a device until you confirm.',
  'help.commandsTitle': 'What you can write to me',
  'help.cmd.reset': 'reset my PIN',
  'help.cmd.reset.does': 'Start a reset for one of your devices',
  'help.cmd.status': 'status',
  'help.cmd.status.does': 'See your open requests',
  'help.cmd.cancel': 'cancel',
  'help.cmd.cancel.does': 'Cancel a request that is not yet approved',
  'help.cmd.help': 'help',
  'help.cmd.help.does': 'Show this card',
  'help.helpdeskTitle': 'For the helpdesk, in a Teams channel',
  'help.cmd.approvals': 'use this channel for approvals',
  'help.cmd.approvals.does': 'Send approval requests to this channel',
  'help.cmd.pending': 'pending',
  'help.cmd.pending.does': 'List requests waiting for approval',
  'help.cmd.history': 'history [name or email]',
  'help.cmd.history.does': "Show a person's past requests",

  'noDevices.fallback': 'No Intune device found with you as its primary user.',
  'noDevices.title': "I couldn't find a device of yours",
  'noDevices.body':
    'Intune has no phone, tablet or computer with you as its primary user, so there is nothing I can reset for you.',
  'noDevices.enrol':
    'A passcode can only be reset on a device that was enrolled in Intune before it was locked; a locked device cannot be enrolled now.',
  'noDevices.helpdesk':
    'Contact your IT helpdesk: they can check whether your device is registered to someone else or has no primary user, and help you get back in.',

  'picker.fallback': 'Choose the device whose PIN or passcode you forgot.',
  'picker.title': 'Which device is it?',
  'picker.intro': 'These are the devices where you are the primary user. Choose the one whose PIN or passcode you forgot.',
  'picker.choose': 'Choose this device',
  'picker.stale': 'Not checked in for {days} days',

  'offer.fallback': 'Confirm the passcode reset for your device.',
  'offer.title.removePasscode': 'Remove the passcode?',
  'offer.title.resetPasscode': 'Reset the passcode?',
  'offer.title.resetWorkProfilePasscode': 'Reset the work profile passcode?',
  'offer.does.removePasscode':
    'Intune will remove the passcode from this device. When the device checks in, it opens without a passcode. If your organisation requires one, the device then asks you to set a new passcode; you can also set it yourself in Settings.',
  'offer.does.resetPasscode':
    "Intune will replace this device's passcode with a temporary one. The temporary passcode will be shown here in this chat: unlock the device with it, then set your own passcode right away.",
  'offer.does.resetPasscodeFullyManaged':
    'Intune will reset the passcode Intune manages on this device and issue a temporary passcode. It will be shown here in this chat: unlock with it, then set your own passcode right away.',
  'offer.does.resetWorkProfilePasscode':
    "Intune will reset only your work profile's passcode. The passcode, PIN or pattern that unlocks the device itself does not change. A temporary work profile passcode will be shown here in this chat.",
  'offer.warning.device':
    'Until a new passcode is set, anyone who holds this device can open it. Only continue if the device is with you.',
  'offer.warning.workProfile':
    "Anyone who sees the temporary passcode can open your work profile, with your work apps and data, until you change it. Don't share your screen while it is shown.",
  'offer.stale':
    'This device last checked in with Intune {days} days ago. The reset waits for its next check-in, so switch the device on and connect it to the internet.',
  'offer.confirm.removePasscode': 'Remove passcode',
  'offer.confirm.resetPasscode': 'Reset passcode',
  'offer.confirm.resetWorkProfilePasscode': 'Reset work profile passcode',
  'offer.cancel': 'Cancel',

  'guide.fallback': 'How to reset a forgotten Windows Hello PIN on the PC itself.',
  'guide.windows.title': 'Reset your Windows PIN on the PC itself',
  'guide.windows.noRemote':
    'Intune has no remote reset for a Windows Hello PIN, so nothing is sent to your PC. You can reset the PIN yourself on the PC in a minute:',
  'guide.windows.step1': '1. On the Windows sign-in screen, select **I forgot my PIN** below the PIN box.',
  'guide.windows.step2': '2. Sign in with your work account and complete the multifactor authentication (MFA) prompt.',
  'guide.windows.step3': '3. Enter a new PIN twice. From now on you sign in with the new PIN.',
  'guide.windows.offline':
    "If you don't see **I forgot my PIN**, check that the PC is connected to the internet. If it still doesn't work, contact your IT helpdesk: they can help you sign in.",

  'refusal.fallback': 'A passcode reset is not available for this device.',
  'refusal.title': "I can't reset this device's passcode",
  'refusal.notPrimaryUser': "You are not this device's primary user in Intune, so you can't reset its passcode here.",
  'refusal.noPrimaryUser':
    'This device has no primary user in Intune (it is a shared or userless device), so self-service reset is not available for it.',
  'refusal.userEnrollment':
    'This device is enrolled with Apple User Enrollment, which keeps your personal data separate from work. In that mode Apple does not let your organisation remove or reset the device passcode.',
  'refusal.sharedIpad': 'This is a Shared iPad. Intune cannot remove or reset the passcode of a Shared iPad.',
  'refusal.wipePending': 'A wipe is already pending for this device, so no other action can be sent to it.',
  'refusal.retirePending':
    'This device is being retired (removed from management), so no other action can be sent to it.',
  'refusal.androidAdminTooNew':
    'This Android device is managed with device administrator, a legacy mode, and runs Android 7.0 or later: Google removed remote passcode reset for such devices. The helpdesk can help you; this may mean resetting the device to factory settings (a wipe).',
  'refusal.macosNoReset':
    "Intune cannot reset a Mac's login password remotely. If FileVault is on and your organisation keeps its personal recovery key in Intune, get the key yourself on the Company Portal website (portal.manage.microsoft.com): open this Mac under **Devices** and select **Get recovery key**. Then enter the key on the Mac's login screen to unlock it and set a new password.",
  'refusal.unsupportedPlatform': 'Intune has no remote passcode reset for this kind of device.',
  'refusal.helpdesk':
    'Contact your IT helpdesk and mention this message: they can see the device in Intune and help you further.',
} as const;
