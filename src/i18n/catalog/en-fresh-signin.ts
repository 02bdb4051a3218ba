// English source, part 5: the step-up sign-in asked for before a passcode reset is confirmed
// (REQUIRE_FRESH_SIGNIN). It says why, because an unexplained sign-in prompt looks like phishing.

export const enFreshSignIn = {
  'freshSignIn.fallback': 'Sign in again to confirm the passcode reset.',
  'freshSignIn.title': 'Please sign in again',
  'freshSignIn.why': 'For your security, sign in again to confirm a passcode reset.',
  'freshSignIn.rule': 'Your last sign-in has to be less than {minutes} min old.',
  'freshSignIn.steps': 'Select **Sign in** and finish signing in, then come back and select **Confirm reset**.',
  'freshSignIn.codeLabel': 'If the sign-in page shows a code, type it here',
  'freshSignIn.unavailable': 'Signing in is not possible right now. Please try again in a few minutes, or contact the helpdesk.',
  'freshSignIn.signIn': 'Sign in',
  'freshSignIn.confirm': 'Confirm reset',
  'freshSignIn.cancel': 'Cancel',
} as const;
