// The Action.Execute verbs on our cards and the only data each carries: ids. Everything else is
// re-read on the server (card data is user-controlled input once it comes back in an invoke).

export const VERBS = {
  startReset: 'startReset',
  chooseDevice: 'chooseDevice',
  confirmReset: 'confirmReset',
  cancelReset: 'cancelReset',
  showStatus: 'showStatus',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export interface VerbData {
  startReset: Record<string, never>;
  chooseDevice: { deviceId: string };
  confirmReset: { requestId: string };
  cancelReset: { requestId: string };
  showStatus: Record<string, never>;
}

/** The data keys each verb's button carries, exactly. */
export const VERB_DATA_KEYS: { readonly [V in Verb]: readonly (keyof VerbData[V])[] } = {
  startReset: [],
  chooseDevice: ['deviceId'],
  confirmReset: ['requestId'],
  cancelReset: ['requestId'],
  showStatus: [],
};

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.values<string>(VERBS).includes(value);
}
