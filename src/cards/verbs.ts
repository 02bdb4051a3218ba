// The Action.Execute verbs on our cards and the only data each carries: ids. Everything else is
// re-read on the server (card data is user-controlled input once it comes back in an invoke).

export const VERBS = {
  startReset: 'startReset',
  chooseDevice: 'chooseDevice',
  confirmReset: 'confirmReset',
  cancelReset: 'cancelReset',
  showStatus: 'showStatus',
  approveRequest: 'approveRequest',
  rejectRequest: 'rejectRequest',
  refreshApproval: 'refreshApproval',
  showAccountPasswordReset: 'showAccountPasswordReset',
  showPasscodeAgain: 'showPasscodeAgain',
  startRecoveryKey: 'startRecoveryKey',
  chooseRecoveryKeyDevice: 'chooseRecoveryKeyDevice',
  showRecoveryKey: 'showRecoveryKey',
  askRecoveryKeyApproval: 'askRecoveryKeyApproval',
  showApprovedRecoveryKey: 'showApprovedRecoveryKey',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export interface VerbData {
  startReset: Record<string, never>;
  chooseDevice: { deviceId: string };
  confirmReset: { requestId: string };
  cancelReset: { requestId: string };
  showStatus: Record<string, never>;
  approveRequest: { requestId: string };
  /** `reason` is not on the button: Teams merges the card's Input.Text "reason" into the invoke data. */
  rejectRequest: { requestId: string; reason?: string };
  /** Sent by Teams itself (card `refresh`) for the users listed in `userIds`, not by a click. */
  refreshApproval: { requestId: string };
  /** "My work account password" on the which-password card: routes to the SSPR page, nothing else. */
  showAccountPasswordReset: Record<string, never>;
  /** On the hidden passcode message: re-read from Graph within Intune's 7 days (personal chat only). */
  showPasscodeAgain: { requestId: string };
  startRecoveryKey: Record<string, never>;
  chooseRecoveryKeyDevice: { deviceId: string };
  /** `keyId` and `signInCode` are not on the button: Teams merges the card's inputs into the data. */
  showRecoveryKey: { deviceId: string; keyId?: string; signInCode?: string };
  /** RECOVERY_KEY_POLICY=approval: open a request the helpdesk approves (the device is re-read and re-checked). */
  askRecoveryKeyApproval: { deviceId: string };
  /** On the approved request's card: the request is re-read (own, approved, not expired); inputs merged in by Teams. */
  showApprovedRecoveryKey: { requestId: string; keyId?: string; signInCode?: string };
}

/** The id of the Input.Text whose value arrives as `reason` in a rejectRequest invoke. */
export const REJECT_REASON_INPUT = 'reason';
/** The longest reason the input accepts; the server must still cut and clean what arrives. */
export const REJECT_REASON_MAX_LENGTH = 500;

/** The data keys each verb's button carries, exactly (inputs merged in by Teams come on top). */
export const VERB_DATA_KEYS: { readonly [V in Verb]: readonly (keyof VerbData[V])[] } = {
  startReset: [],
  chooseDevice: ['deviceId'],
  confirmReset: ['requestId'],
  cancelReset: ['requestId'],
  showStatus: [],
  approveRequest: ['requestId'],
  rejectRequest: ['requestId'],
  refreshApproval: ['requestId'],
  showAccountPasswordReset: [],
  showPasscodeAgain: ['requestId'],
  startRecoveryKey: [],
  chooseRecoveryKeyDevice: ['deviceId'],
  showRecoveryKey: ['deviceId'],
  askRecoveryKeyApproval: ['deviceId'],
  showApprovedRecoveryKey: ['requestId'],
};

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.values<string>(VERBS).includes(value);
}
