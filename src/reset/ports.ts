import type { ActionResult, ManagedDevice } from '../intune/device';
import type { AuditEntry, RequestPatch, RequestState, ResetRequest } from './request';

/** Read side of Intune, as the lifecycle needs it. */
export interface DeviceDirectory {
  /** The devices whose primary user is `userId` (Entra object id). */
  devicesOf(userId: string): Promise<ManagedDevice[]>;
  /** One device by id, or undefined when Intune no longer knows it (404). */
  device(deviceId: string): Promise<ManagedDevice | undefined>;
}

/**
 * `sent`: Graph answered 204. `uncertain`: 503/504/timeout — the POST may or may not have reached
 * Intune, so the caller must read the action results before deciding anything (never re-POST blindly).
 */
export type ActionSendOutcome = 'sent' | 'uncertain';

export interface DeviceActions {
  resetPasscode(deviceId: string): Promise<ActionSendOutcome>;
  /** The newest `resetPasscode` entry of `deviceActionResults`, or undefined when there is none. */
  resetPasscodeResult(deviceId: string): Promise<ActionResult | undefined>;
}

/** Rules an insert checks in the same atomic step as the insert itself (never as a read before it). */
export interface InsertRules {
  /** Refuse when the requester already has `max` requests created at or after `sinceIso` (the new one not counted). */
  dailyLimit?: { max: number; sinceIso: string };
}

/**
 * What became of an insert. `deviceHasOpenRequest` carries the device's open request (of this
 * requester or, when the device changed hands, of someone else), so a double click is shown the
 * request the first click opened instead of a second one.
 */
export type InsertOutcome =
  | { kind: 'inserted' }
  | { kind: 'deviceHasOpenRequest'; existing: ResetRequest }
  | { kind: 'dailyLimitReached' };

/** Persistence of requests and their audit trail. Transitions are compare-and-set on `version`. */
export interface RequestStore {
  /**
   * Stores a new request unless the rules refuse it: a device has at most one open request (always,
   * for an open `request`), and `rules.dailyLimit` when given. Check and insert are one atomic step
   * across connections, processes and instances.
   */
  insertRequest(request: ResetRequest, rules?: InsertRules): Promise<InsertOutcome>;
  getRequest(id: string): Promise<ResetRequest | undefined>;
  /**
   * Moves `id` from (`expectedVersion`, its current state) to `to` with `patch`, bumping the version.
   * Returns the new request, or undefined when someone else moved it first.
   */
  transition(id: string, expectedVersion: number, to: RequestState, patch?: RequestPatch): Promise<ResetRequest | undefined>;
  /** Changes fields without changing state (still compare-and-set). */
  patch(id: string, expectedVersion: number, patch: RequestPatch): Promise<ResetRequest | undefined>;
  requestsOf(requesterId: string, states: readonly RequestState[]): Promise<ResetRequest[]>;
  openRequestForDevice(deviceId: string): Promise<ResetRequest | undefined>;
  requestsInStates(states: readonly RequestState[]): Promise<ResetRequest[]>;
  countRequestsSince(requesterId: string, sinceIso: string): Promise<number>;
  /**
   * Succeeded requests whose temporary passcode has not been hidden yet (`hidePasscodeAt` set),
   * oldest first: all that a restart must re-arm among the succeeded ones. Its cost follows the
   * passcodes still shown (a handful), not the history of succeeded requests.
   */
  succeededWithPasscodeShown(): Promise<ResetRequest[]>;
  appendAudit(entry: AuditEntry): Promise<void>;
  auditOf(requestId: string): Promise<AuditEntry[]>;
}

/** A clock the tests can move. */
export interface Clock {
  now(): Date;
}

/** What the requester sees change: the request card in their personal chat is replaced (through the outbox). */
export interface RequesterNotifier {
  showRequest(request: ResetRequest): Promise<void>;
}

/**
 * The temporary passcode travels alone: a message of its own in the requester's personal chat,
 * sent directly (never through the outbox, never stored), and later replaced by a "hidden" text.
 */
export interface PasscodeMessenger {
  /** Returns the id of the message that shows it; throws PersonalChatGone when the chat can never take it. */
  showPasscode(request: ResetRequest, passcode: string): Promise<string | undefined>;
  hidePasscode(request: ResetRequest): Promise<void>;
}

/** Typed failure reasons of the Intune gateway (src/graph's GraphFailure carries one). */
export type IntuneFailureReason = 'unauthorized' | 'forbidden' | 'notFound' | 'throttled' | 'unavailable' | 'timeout' | 'badResponse';

export interface IntuneFailure extends Error {
  reason: IntuneFailureReason;
  missingPermission?: string;
}

const REASONS: readonly string[] = ['unauthorized', 'forbidden', 'notFound', 'throttled', 'unavailable', 'timeout', 'badResponse'];

export function asIntuneFailure(error: unknown): IntuneFailure | undefined {
  if (!(error instanceof Error) || !('reason' in error)) return undefined;
  return typeof error.reason === 'string' && REASONS.includes(error.reason) ? (error as IntuneFailure) : undefined;
}

/** A person in Entra ID, as the approval flow shows and checks them. */
export interface Person {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/** What approvals and notifications need from the directory (Graph users, manager, groups). */
export interface PeopleDirectory {
  person(userId: string): Promise<Person | undefined>;
  /** The user's manager, or null when Entra has none (Graph 404 Request_ResourceNotFound is not an error). */
  managerOf(userId: string): Promise<Person | null>;
  /** Transitive group membership (Graph checkMemberGroups). Never cached by callers that authorise a decision. */
  isMemberOf(userId: string, groupId: string): Promise<boolean>;
  /** For `history <name or UPN>`: exact UPN/mail match, else display names starting with the query (a few at most). */
  findPeople(query: string): Promise<Person[]>;
}

/**
 * What people other than the requester see of a request: the approval card in the helpdesk
 * channel (or the manager's chat), its updates, and the manager's notices. Delivered through the
 * persistent outbox, so nothing here may carry a secret.
 */
export interface RequestAnnouncer {
  /**
   * The requester confirmed (the manager is known by now): post the approval card when the request
   * waits for a decision (channel thread, or the manager's chat), and tell the manager.
   */
  requestConfirmed(request: ResetRequest): Promise<void>;
  /** The request moved: update the approval card for everyone and tell the manager where it matters. */
  requestChanged(request: ResetRequest): Promise<void>;
}

/** Small settings kept in the store (e.g. the approval channel chosen in Teams). */
export interface SettingsStore {
  setting(key: string): Promise<string | undefined>;
  saveSetting(key: string, value: string): Promise<void>;
}

/**
 * The requester's personal chat cannot take a message, and waiting will not change that: Teams
 * answered 403/404 (the app was removed, the chat is gone) or the chat was never stored. Any
 * other failure may be Teams being down for a while, worth trying again.
 */
export class PersonalChatGone extends Error {
  override readonly name = 'PersonalChatGone';
}
