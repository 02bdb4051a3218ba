// "My laptop asks for a BitLocker recovery key": list the requester's Windows PCs (Intune primary
// user), ask for the Key ID the recovery screen shows, and — after a fresh sign-in, with the user's
// own delegated token — show exactly the one key whose id matches. Graph enforces that the user is
// a registered owner of the Entra device; this use case re-checks the Intune primary user too.
import { randomUUID } from 'node:crypto';
import { classifyPlatform } from '../intune';
import type { ManagedDevice } from '../intune/device';
import type { Logger } from '../log';
import type { Clock, DeviceDirectory } from '../reset/ports';
import { sameId } from '../reset/identity';
import { DAY_MS, retryAtAfter } from '../reset/rolling-day';
import type { Requester } from '../reset/service';
import { keyIdMatches, type KeyId } from './key-id';
import {
  COUNTED_OUTCOMES,
  RecoveryKeyReadError,
  type IntuneDeviceLinks,
  type RecoveryKeyEvent,
  type RecoveryKeyLedger,
  type RecoveryKeyMessenger,
  type RecoveryKeyOutcome,
  type RecoveryKeyReaders,
  type RecoveryKeyView,
} from './ports';

/** `approval`: the helpdesk approves each request first (src/recovery-key/approval.ts); `self`: the owner alone. */
export type RecoveryKeyPolicy = 'self' | 'approval' | 'off';

/** A device as the recovery-key cards show it: display facts only. */
export interface RecoveryKeyDevice {
  id: string;
  deviceName: string;
  model: string;
  osVersion: string;
  lastSyncDateTime: string;
  /** Graph's managedDeviceOwnerType (company, personal, unknown): for the helpdesk's approval card. */
  ownerType?: string;
}

export type RecoveryKeyStart =
  | { kind: 'off' }
  | { kind: 'noWindowsDevices' }
  | { kind: 'pick'; devices: RecoveryKeyDevice[] }
  | { kind: 'askKeyId'; device: RecoveryKeyDevice }
  | { kind: 'unavailable' };

export type RevealOutcome =
  | { kind: 'shown'; device: RecoveryKeyDevice; keyId: string; hideAt: string }
  | { kind: 'wrongKeyId'; device: RecoveryKeyDevice; attemptsLeft: number }
  | { kind: 'notAllowed'; device: RecoveryKeyDevice }
  | { kind: 'tooManyAttempts'; limit: number; retryAt: string }
  | { kind: 'notYourDevice' }
  | { kind: 'deviceNotFound' }
  | { kind: 'notWindows' }
  | { kind: 'noEntraDevice'; device: RecoveryKeyDevice }
  | { kind: 'signInNeeded'; device: RecoveryKeyDevice }
  | { kind: 'unavailable' }
  /** Graph gave the key but the personal chat could not take it: nothing was shown. */
  | { kind: 'notDelivered'; device: RecoveryKeyDevice }
  /** RECOVERY_KEY_POLICY=approval and no approved request names this device: nothing is read. */
  | { kind: 'approvalNeeded' }
  | { kind: 'off' };

/** The device of a request the helpdesk approved, as RecoveryKeyApprovals re-read it from the store. */
export interface ApprovedDevice {
  requestId: string;
  deviceId: string;
}

export interface RecoveryKeyDeps {
  policy: RecoveryKeyPolicy;
  directory: Pick<DeviceDirectory, 'devicesOf'>;
  links: IntuneDeviceLinks;
  readers: RecoveryKeyReaders;
  ledger: RecoveryKeyLedger;
  messenger: RecoveryKeyMessenger;
  scheduler: { at(name: string, at: Date, job: () => Promise<void>): void };
  clock: Clock;
  log: Logger;
  visibleMs: number;
  /** Attempts (shown, wrong Key ID, refused by Graph) one person may make in 24 hours. */
  maxAttemptsPerDay: number;
}


/** How a claimed attempt ended: what the user sees, and what the ledger keeps (nothingShown unless given). */
interface Settled {
  outcome: RevealOutcome;
  event?: RecoveryKeyEvent;
}

export class RecoveryKeyService {
  constructor(private readonly deps: RecoveryKeyDeps) {}

  get enabled(): boolean {
    return this.deps.policy !== 'off';
  }

  /** Whether the helpdesk approves every request first (RECOVERY_KEY_POLICY=approval). */
  get needsApproval(): boolean {
    return this.deps.policy === 'approval';
  }

  async start(requester: Requester): Promise<RecoveryKeyStart> {
    if (!this.enabled) return { kind: 'off' };
    let devices: ManagedDevice[];
    try {
      devices = await this.deps.directory.devicesOf(requester.aadObjectId);
    } catch (error: unknown) {
      this.deps.log.warn('recovery key: listing devices failed', { error });
      return { kind: 'unavailable' };
    }
    const pcs = devices.filter((device) => sameId(device.userId, requester.aadObjectId) && classifyPlatform(device) === 'windows').map(viewOf);
    const [only] = pcs;
    if (!only) return { kind: 'noWindowsDevices' };
    return pcs.length === 1 ? { kind: 'askKeyId', device: only } : { kind: 'pick', devices: pcs };
  }

  /** `deviceId` comes from card data: the device is fetched and its primary user checked. */
  async chooseDevice(requester: Requester, deviceId: string): Promise<RevealOutcome | { kind: 'askKeyId'; device: RecoveryKeyDevice }> {
    if (!this.enabled) return { kind: 'off' };
    const owned = await this.ownedWindowsDevice(requester, deviceId);
    return owned.kind === 'owned' ? { kind: 'askKeyId', device: owned.device } : owned;
  }

  /**
   * Shows the one key whose id matches `keyId`, in its own message in the personal chat.
   * `userAssertion` is the user's token from the OAuth connection, already checked fresh by the bot.
   * The attempt is claimed under the daily limit first, in one atomic step of the store, before
   * Intune or Entra is asked: parallel clicks at one or several instances cannot exceed the limit.
   */
  async reveal(requester: Requester, deviceId: string, keyId: KeyId, userAssertion: string, approved?: ApprovedDevice): Promise<RevealOutcome> {
    // Under `approval` only RecoveryKeyApprovals, which re-read the approved request, passes `approved`.
    if (this.needsApproval && approved?.deviceId !== deviceId) return { kind: 'approvalNeeded' };
    if (!this.enabled) return { kind: 'off' };
    const attempt = this.event(requester, { id: deviceId, deviceName: '' }, 'pending', null, { messageId: null, hideAt: null });
    const claim = await this.deps.ledger.claimRecoveryKeyAttempt(attempt, { max: this.deps.maxAttemptsPerDay, sinceIso: new Date(this.now() - DAY_MS).toISOString() });
    if (claim.kind === 'limitReached') return this.tooManyAttempts(requester);
    let settled: RecoveryKeyEvent = { ...attempt, outcome: 'nothingShown' };
    try {
      const { outcome, event } = await this.revealClaimed(requester, attempt, claim.used, keyId, userAssertion);
      if (event) settled = event;
      return outcome;
    } finally {
      // The timer first: a key on screen gets hidden even if the store cannot take the outcome.
      this.scheduleHide(settled);
      // Also when something threw: a claim left pending would count against the person for a day.
      await this.deps.ledger.settleRecoveryKeyAttempt(settled);
    }
  }

  private async revealClaimed(requester: Requester, attempt: RecoveryKeyEvent, used: number, keyId: KeyId, userAssertion: string): Promise<Settled> {
    const owned = await this.ownedWindowsDevice(requester, attempt.managedDeviceId);
    if (owned.kind !== 'owned') return { outcome: owned };
    const { device, entraDeviceId } = owned;
    if (!entraDeviceId) return { outcome: { kind: 'noEntraDevice', device } };
    const settled = (outcome: RecoveryKeyOutcome, shown: Partial<RecoveryKeyEvent> = {}): RecoveryKeyEvent => ({ ...attempt, deviceName: device.deviceName, outcome, ...shown });
    const reader = this.deps.readers(userAssertion);
    try {
      const match = (await reader.keysOfDevice(entraDeviceId)).filter((key) => keyIdMatches(keyId, key.id)).sort(newestFirst)[0];
      if (!match) return { outcome: { kind: 'wrongKeyId', device, attemptsLeft: Math.max(0, this.deps.maxAttemptsPerDay - used) }, event: settled('wrongKeyId') };
      const password = await reader.recoveryPassword(match.id);
      const shown = await this.show(requester, device, match.id, password);
      // Entra has given the key and audited the read: it counts even though the chat did not take it.
      if (shown.kind !== 'shown') return { outcome: shown, event: settled('notDelivered') };
      const event = settled('shown', { keyId: match.id, messageId: shown.messageId, hideAt: shown.messageId ? shown.hideAt : null });
      this.deps.log.info('recovery key shown', { eventId: event.id, deviceId: device.id });
      return { outcome: { kind: 'shown', device, keyId: match.id, hideAt: shown.hideAt }, event };
    } catch (error: unknown) {
      if (!(error instanceof RecoveryKeyReadError)) throw error;
      this.deps.log.warn('recovery key: Graph gave none', { reason: error.reason, deviceId: device.id });
      if (error.reason === 'notAllowed') return { outcome: { kind: 'notAllowed', device }, event: settled('notAllowed') };
      return { outcome: error.reason === 'signInNeeded' ? { kind: 'signInNeeded', device } : { kind: 'unavailable' } };
    }
  }

  /** After a restart: hide the keys still shown, on time. */
  async resumeHiding(): Promise<number> {
    const shown = await this.deps.ledger.recoveryKeysStillShown();
    for (const event of shown) this.scheduleHide(event);
    return shown.length;
  }

  /**
   * The recurring sweep (src/reset watchForOrphanedWork runs it with the passcode sweep): hides
   * every key whose time is past and whose message still shows it — its timer was lost when an
   * instance died, or its hide failed (Teams down, a 502). Hiding twice is harmless.
   */
  async hideOverdueKeys(): Promise<number> {
    const overdue = (await this.deps.ledger.recoveryKeysStillShown()).filter((event) => event.hideAt !== null && Date.parse(event.hideAt) <= this.now());
    let hidden = 0;
    for (const event of overdue) {
      try {
        await this.hide(event);
        hidden += 1;
      } catch (error: unknown) {
        // One chat that cannot be reached must not keep the others on screen; the next sweep tries again.
        this.deps.log.warn('recovery key: hiding failed, the next sweep tries again', { eventId: event.id, errorName: nameOf(error) });
      }
    }
    if (hidden > 0) this.deps.log.info('recovery keys hidden by the sweep', { count: hidden });
    return hidden;
  }

  private async show(
    requester: Requester,
    device: RecoveryKeyDevice,
    keyId: string,
    password: string,
  ): Promise<{ kind: 'shown'; messageId: string | null; hideAt: string } | Extract<RevealOutcome, { kind: 'notDelivered' }>> {
    const view: RecoveryKeyView = { deviceName: device.deviceName, keyId, locale: requester.locale };
    let messageId: string | undefined;
    try {
      messageId = await this.deps.messenger.showRecoveryKey(requester.conversationId, view, password);
    } catch (error: unknown) {
      // Only the error's name: a connector error can carry the request body, which holds the key.
      this.deps.log.warn('recovery key could not be delivered', { errorName: nameOf(error), deviceId: device.id });
      return { kind: 'notDelivered', device };
    }
    return { kind: 'shown', messageId: messageId ?? null, hideAt: new Date(this.now() + this.deps.visibleMs).toISOString() };
  }

  private scheduleHide(event: RecoveryKeyEvent): void {
    if (!event.messageId || !event.hideAt) return;
    this.deps.scheduler.at('hide-recovery-key', new Date(event.hideAt), () => this.hide(event));
  }

  private async hide(event: RecoveryKeyEvent): Promise<void> {
    if (!event.messageId) return;
    const view: RecoveryKeyView = { deviceName: event.deviceName, keyId: event.keyId ?? '', locale: event.locale };
    await this.deps.messenger.hideRecoveryKey(event.conversationId, event.messageId, view);
    await this.deps.ledger.markRecoveryKeyHidden(event);
    this.deps.log.info('recovery key hidden', { eventId: event.id });
  }

  private async tooManyAttempts(requester: Requester): Promise<Extract<RevealOutcome, { kind: 'tooManyAttempts' }>> {
    this.deps.log.warn('recovery key: daily attempt limit reached', { limit: this.deps.maxAttemptsPerDay });
    const events = (await this.deps.ledger.recoveryKeyEventsOf(requester.aadObjectId)).filter((e) => COUNTED_OUTCOMES.includes(e.outcome));
    const retryAt = retryAtAfter(events.map((e) => Date.parse(e.at)), this.deps.maxAttemptsPerDay, this.now());
    return { kind: 'tooManyAttempts', limit: this.deps.maxAttemptsPerDay, retryAt };
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private event(
    requester: Requester,
    device: Pick<RecoveryKeyDevice, 'id' | 'deviceName'>,
    outcome: RecoveryKeyOutcome,
    keyId: string | null,
    message: { messageId: string | null; hideAt: string | null },
  ): RecoveryKeyEvent {
    return {
      id: randomUUID(),
      at: this.deps.clock.now().toISOString(),
      tenantId: requester.tenantId,
      requesterId: requester.aadObjectId,
      managedDeviceId: device.id,
      deviceName: device.deviceName,
      outcome,
      keyId,
      locale: requester.locale,
      conversationId: requester.conversationId,
      ...message,
    };
  }

  private async ownedWindowsDevice(
    requester: Requester,
    deviceId: string,
  ): Promise<{ kind: 'owned'; device: RecoveryKeyDevice; entraDeviceId: string | null } | Extract<RevealOutcome, { kind: 'deviceNotFound' | 'notYourDevice' | 'notWindows' | 'unavailable' }>> {
    let found: Awaited<ReturnType<IntuneDeviceLinks['deviceWithEntraId']>>;
    try {
      found = await this.deps.links.deviceWithEntraId(deviceId);
    } catch (error: unknown) {
      this.deps.log.warn('recovery key: reading the device failed', { error });
      return { kind: 'unavailable' };
    }
    if (!found) return { kind: 'deviceNotFound' };
    // The Intune primary user, re-read now: Graph checks the Entra registered owner on top of this.
    if (!sameId(found.device.userId, requester.aadObjectId)) return { kind: 'notYourDevice' };
    if (classifyPlatform(found.device) !== 'windows') return { kind: 'notWindows' };
    return { kind: 'owned', device: viewOf(found.device), entraDeviceId: found.entraDeviceId };
  }
}

function viewOf(device: ManagedDevice): RecoveryKeyDevice {
  return { id: device.id, deviceName: device.deviceName, model: device.model, osVersion: device.osVersion, lastSyncDateTime: device.lastSyncDateTime, ownerType: device.managedDeviceOwnerType };
}

function newestFirst(a: { createdDateTime: string }, b: { createdDateTime: string }): number {
  return Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime);
}

/** Only an error's name is logged here: a connector error can carry the request body, which may hold the key. */
function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
