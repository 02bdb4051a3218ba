// What the recovery-key use case needs from the outside world. Owned here; adapters in src/graph,
// src/store and src/bot point inward.
import type { ManagedDevice } from '../intune/device';

/** A BitLocker key as Entra lists it: never the key itself. */
export interface RecoveryKeyInfo {
  /** The key id; its first 8 characters are what the BitLocker recovery screen shows. */
  id: string;
  createdDateTime: string;
  volumeType: string;
  /** The Entra device id the key was backed up from. */
  deviceId: string;
}

/** Why Graph gave no key. Each is worded for people in one place (src/cards/recovery-key*.ts). */
export type RecoveryKeyReadFailure =
  /** 403: not a registered owner of the device, or the tenant restricts self-service recovery. */
  | 'notAllowed'
  /** The user's token could not be exchanged (expired, revoked, consent missing): sign in again. */
  | 'signInNeeded'
  | 'unavailable';

export class RecoveryKeyReadError extends Error {
  override readonly name = 'RecoveryKeyReadError';
  constructor(
    readonly reason: RecoveryKeyReadFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Entra's BitLocker keys, read AS THE SIGNED-IN USER (delegated): Graph itself enforces that the
 * user is a registered owner of the device and that the tenant allows self-service recovery.
 * Throws RecoveryKeyReadError.
 */
export interface RecoveryKeyReader {
  keysOfDevice(entraDeviceId: string): Promise<RecoveryKeyInfo[]>;
  /** The 48-digit recovery password. Never logged, never stored. */
  recoveryPassword(keyId: string): Promise<string>;
}

/** A reader for one user, from the token the OAuth connection gave for them (exchanged on their behalf). */
export type RecoveryKeyReaders = (userAssertion: string) => RecoveryKeyReader;

/** The Intune device with the id of its Entra device (`managedDevice.azureADDeviceId`), read app-only. */
export interface IntuneDeviceLinks {
  /** undefined when Intune no longer knows the device. */
  deviceWithEntraId(managedDeviceId: string): Promise<{ device: ManagedDevice; entraDeviceId: string | null } | undefined>;
}

/**
 * `pending`: claimed under the daily limit, its outcome not known yet. `notDelivered`: Entra gave
 * the key (and audited the read) but the personal chat could not take it. `nothingShown`: it ended
 * before Graph said anything about a key (device not the user's, sign-in needed, Graph
 * unavailable): it does not count toward the limit.
 */
export type RecoveryKeyOutcome = 'pending' | 'shown' | 'wrongKeyId' | 'notAllowed' | 'notDelivered' | 'nothingShown';
export const RECOVERY_KEY_OUTCOMES = ['pending', 'shown', 'wrongKeyId', 'notAllowed', 'notDelivered', 'nothingShown'] as const satisfies readonly RecoveryKeyOutcome[];
/** What the per-user daily limit counts: attempts Graph answered about a key, and those still running. */
export const COUNTED_OUTCOMES: readonly RecoveryKeyOutcome[] = ['pending', 'shown', 'wrongKeyId', 'notAllowed', 'notDelivered'];

/**
 * One attempt that reached Graph, for the audit and the per-user limit. Never the key; the key id
 * only when a key was shown (it is on the recovery screen and in Entra's own audit, not a secret).
 */
export interface RecoveryKeyEvent {
  id: string;
  at: string;
  tenantId: string;
  requesterId: string;
  managedDeviceId: string;
  deviceName: string;
  outcome: RecoveryKeyOutcome;
  keyId: string | null;
  /** The requester's chat language, for the "hidden" text. */
  locale: string;
  /** The personal-chat message that shows the key, and when it must be hidden. */
  conversationId: string;
  messageId: string | null;
  hideAt: string | null;
}

/** At most `max` counted attempts since `sinceIso` (a rolling 24 hours). */
export interface AttemptLimit {
  max: number;
  sinceIso: string;
}

/** `used` counts this attempt too. */
export type AttemptClaim = { kind: 'claimed'; used: number } | { kind: 'limitReached' };

export interface RecoveryKeyLedger {
  /**
   * Records `attempt` (outcome `pending`) only when its requester has fewer than `limit.max`
   * counted attempts since `limit.sinceIso`. The count and the insert are ONE atomic step across
   * connections, processes and bot instances, so parallel clicks cannot exceed the limit.
   * (SQLite: BEGIN IMMEDIATE; Azure Table: the requester's counter entity and the event in one
   * entity group transaction, as for reset requests — src/store/azure-table/counted-insert.ts.)
   */
  claimRecoveryKeyAttempt(attempt: RecoveryKeyEvent, limit: AttemptLimit): Promise<AttemptClaim>;
  /** Writes the outcome of a claimed attempt (outcome, key id, device name, message, hide time), once. */
  settleRecoveryKeyAttempt(event: RecoveryKeyEvent): Promise<void>;
  /** Counted attempts (COUNTED_OUTCOMES) since `sinceIso`. */
  countRecoveryKeyAttemptsSince(requesterId: string, sinceIso: string): Promise<number>;
  recoveryKeyEventsOf(requesterId: string): Promise<RecoveryKeyEvent[]>;
  /** Shown keys whose message is not hidden yet: after a restart, and for the recurring sweep. Costs what is shown, not the history. */
  recoveryKeysStillShown(): Promise<RecoveryKeyEvent[]>;
  markRecoveryKeyHidden(event: RecoveryKeyEvent): Promise<void>;
}

/** What the key message shows. */
export interface RecoveryKeyView {
  deviceName: string;
  keyId: string;
  locale: string;
}

/**
 * The key travels alone, like the temporary passcode: its own message in the requester's personal
 * chat, sent directly (never through the outbox), later replaced by a "hidden" text.
 */
export interface RecoveryKeyMessenger {
  /** Returns the id of the message that shows the key. */
  showRecoveryKey(conversationId: string, view: RecoveryKeyView, recoveryPassword: string): Promise<string | undefined>;
  hideRecoveryKey(conversationId: string, messageId: string, view: RecoveryKeyView): Promise<void>;
}
