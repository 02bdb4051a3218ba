// English source, part 7: safe by default — what a manager may read about a personal device, and
// "Show passcode again" (Intune keeps a temporary passcode readable for 7 days).

export const enSafety = {
  /** A manager reads the kind of a personally owned device, never its name or model. */
  'managerNotice.personalDevice': 'a personally owned device ({kind})',
  'managerNotice.personalDeviceFact': 'Personally owned: its name and model are not shown to you.',

  'history.event.passcodeShownAgain': 'Passcode shown again',
  'passcodeAgain.hidden': 'The temporary passcode was shown here and is now hidden.',
  'passcodeAgain.offer': 'Missed it? You can show it again here for 7 days after the reset.',
  'passcodeAgain.button': 'Show passcode again',
  'passcodeAgain.retention':
    'Teams may keep the earlier message that showed the passcode, under your organisation’s retention policy, even though it is hidden here.',
  'passcodeAgain.signInWhy': 'For your security, sign in again to see the temporary passcode.',
  'passcodeAgain.signInSteps': 'Select **Sign in** and finish signing in, then come back and select **Show passcode again**.',
  'passcodeAgain.refused.fallback': 'The temporary passcode cannot be shown again.',
  'passcodeAgain.refused.title': 'The passcode cannot be shown again',
  'passcodeAgain.refused.notYours': 'Only the person who asked for this reset can see its passcode.',
  'passcodeAgain.refused.tooOld': 'Intune keeps a temporary passcode for 7 days only, and this reset is older. If you still cannot get in, start a new reset.',
  'passcodeAgain.refused.noPasscode': 'Intune has no temporary passcode for this reset. If you still cannot get in, start a new reset.',
  'passcodeAgain.refused.notYourDevice': 'You are no longer the primary user of this device in Intune, so its passcode cannot be shown to you.',
  'passcodeAgain.refused.unavailable': 'Intune cannot be reached right now. Please try again in a few minutes.',
} as const;
