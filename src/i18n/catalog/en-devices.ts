// English source, part 6: what each kind of device gets, as real tenants report them (issue 11):
// Android whose mode Graph leaves open, legacy modes, the temporary-passcode risk, the way back
// from a failed work-profile reset, and the Windows sign-in paths. Kept together to merge easily.

export const enDevices = {
  'platform.androidUnknown': 'Android, management mode not reported',

  'offer.does.resetPasscodeUnknownAndroid':
    'Intune does not report whether this Android device has a work profile or is managed as device administrator, so your IT helpdesk checks it in Intune before anything is sent. If they approve, Intune resets the passcode it manages on the device (the work profile passcode or the device passcode) and a temporary passcode is shown here in this chat.',
  'offer.warning.temporaryPasscode':
    "Anyone who sees the temporary passcode can unlock this device until you change it. Don't share your screen while it is shown, and change it right away.",
  'offer.note.appleAfterRemoval':
    'Removing the passcode also turns off Face ID or Touch ID and removes your Apple Pay cards: set them up again after you set a new passcode.',
  'offer.note.deviceAdminLegacy':
    'This phone is managed with Android device administrator, a legacy mode: Intune no longer enrols Android versions below 8, and ended device administrator management on devices with Google Mobile Services on 31 December 2024. The reset may still work on this old Android version; if it does not, contact your IT helpdesk.',
  'offer.note.windowsMobile':
    'Windows 10 Mobile is out of support. This phone may never check in with Intune again, so I stop waiting for it sooner than for other devices.',

  'refusal.androidKindUnknown':
    "Intune does not report whether this Android device has a work profile or is managed as device administrator, so I can't tell which reset applies to it. Your IT helpdesk can see the device in Intune and reset the right passcode; there is no need to reset the device to factory settings for this.",

  'progress.title.awaitingApproval': 'Waiting for approval',
  'progress.fallback.awaitingApproval': 'Your passcode reset is waiting for approval.',

  'passcode.screen.device': "Anyone who sees this passcode can unlock the device: don't share your screen while it is shown.",
  'passcode.screen.workProfile': "Anyone who sees this passcode can open your work profile: don't share your screen while it is shown.",

  'outcome.failed.workProfileNotSupported':
    "Intune reports the reset as not supported for this work profile. For a work profile this usually means its reset token is not active: Android asks you once, after your organisation's work profile passcode policy arrives, to confirm your work profile passcode, and that activates the token. Without a work profile passcode policy there is no token either.",
  'outcome.failed.workProfileWayBack':
    'To get back into your work apps: open **Settings** on the phone, remove the work profile (usually under **Accounts** or **Security**, named **Work profile**), then enrol the phone again with your work account. Your personal apps and data stay on the phone; your work apps and data come back after you enrol again.',
  'outcome.failed.timedOutWindowsMobile':
    'Intune accepted the request, but this Windows 10 Mobile phone did not check in. These phones are out of support and may never check in again, so I stopped waiting. Contact your IT helpdesk.',

  'guide.windows.password':
    'You can also sign in with your work account password instead of the PIN: on the sign-in screen select **Sign-in options** and choose the key icon.',
  'guide.windows.hybrid':
    "If your PC is joined to your organisation's on-premises domain (hybrid joined), both ways need a connection to a domain controller: be in the office or connected to the VPN.",

  'managerNotice.noActionNeeded': 'You do not need to do anything.',

  'approval.does.resetPasscodeUnknownAndroid':
    'Graph does not report whether this Android device has a work profile or is managed as device administrator. Check its enrollment in the Intune admin center before approving. Intune then resets the passcode it manages on the device (work profile or device) and issues a temporary passcode, shown only to the requester in their personal chat with the bot.',
} as const;
