// English source, part 6: "forgot my password" without a device word. Usually the work account
// is meant, so the bot asks before it lists any device (README "Which password?").

export const enIntent = {
  'whichPassword.fallback': 'Which password did you forget: a device passcode or your work account password?',
  'whichPassword.title': 'Which password did you forget?',
  'whichPassword.body':
    'I can reset the passcode or PIN that unlocks your phone, tablet or other work device. The password of your work account, the one you sign in to Teams and Outlook with, is reset somewhere else.',
  'whichPassword.device': 'The passcode of a device',
  'whichPassword.account': 'My work account password',

  'accountPassword.fallback': 'Reset your work account password on your organisation’s password reset page.',
  'accountPassword.title': 'Reset your work account password',
  'accountPassword.body':
    'Your work account password is the one you sign in to Teams, Outlook and other work apps with. You can reset it yourself on your organisation’s password reset page: it checks who you are first, for example with a code on your phone or your authenticator app.',
  'accountPassword.nothingChanged': 'Nothing was changed on any of your devices.',
  'accountPassword.helpdesk': 'If the page does not let you in, contact the helpdesk.',
  'accountPassword.open': 'Reset my password',
  'accountPassword.device': 'I meant a device passcode',
} as const;
