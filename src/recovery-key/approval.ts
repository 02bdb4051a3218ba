// RECOVERY_KEY_POLICY=approval: the helpdesk approves in the channel before the owner of a PC may
// read its BitLocker recovery key. The request is a ResetRequest with action `revealRecoveryKey`,
// so it goes through the one approval flow the passcode resets use (src/reset/approval.ts: live
// helpdesk membership at every click, never one's own request, compare-and-set, APPROVAL_TTL,
// the channel card through the outbox). Approving sends nothing anywhere: it lets the requester,
// after a fresh sign-in, read the key with their OWN delegated token exactly as under `self`.
// The approver's identity never reads a key.
//
// The Key ID is asked AFTER the approval, on the approved card, not before: nothing the requester
// types has to be stored with the request or shown in the channel; the helpdesk decides about a
// person and a PC, which is what it can check, not about an id it cannot verify without reading
// keys itself; and a mistyped id is corrected on the spot (counted toward the daily attempt limit)
// instead of costing a second approval.
import type { Logger } from '../log';
import type { ApprovalChannels } from '../reset/approval-channel';
import type { Approvals } from '../reset/approval';
import { finish, type ExecutionDeps } from '../reset/execution';
import { sameId } from '../reset/identity';
import type { Clock, RequestStore } from '../reset/ports';
import { isRecoveryKeyRequest, type DeviceSnapshot, type ResetRequest } from '../reset/request';
import { DAY_MS } from '../reset/rolling-day';
import { newRequest, tooManyRequests, type Requester } from '../reset/service';
import type { KeyId } from './key-id';
import type { RecoveryKeyDevice, RecoveryKeyService, RevealOutcome } from './service';

/** How long one click holds an approved request while it reads and shows the key (Graph's timeouts fit in it). */
const REVEAL_CLAIM_MS = 2 * 60_000;

export type AskApprovalOutcome =
  /** A request now waits for the helpdesk (or the requester's own one for this PC already did). */
  | { kind: 'requested'; request: ResetRequest }
  | { kind: 'noApprovalChannel' }
  /** Another open request holds this PC (someone else's, or a passcode request). */
  | { kind: 'deviceBusy' }
  | { kind: 'tooManyRequests'; limit: number; retryAt: string }
  /** The device step refused: not the requester's PC, not Windows, gone, Graph unavailable, off. */
  | { kind: 'device'; outcome: RevealOutcome };

export type ApprovedRevealOutcome =
  | { kind: 'requestNotFound' }
  | { kind: 'notYourRequest' }
  /** Not (or no longer) approved: waiting, denied, expired, cancelled, already used. Nothing was read. */
  | { kind: 'notApproved'; request: ResetRequest }
  | { kind: 'revealed'; request: ResetRequest; outcome: RevealOutcome };

export interface RecoveryKeyApprovalDeps extends Pick<ExecutionDeps, 'notifier' | 'announcer'> {
  service: Pick<RecoveryKeyService, 'chooseDevice' | 'reveal'>;
  store: RequestStore;
  channels: Pick<ApprovalChannels, 'current'>;
  approvals: Pick<Approvals, 'announceConfirmed' | 'expire' | 'isPastExpiry'>;
  scheduler: { run(name: string, job: () => Promise<void>): void };
  clock: Clock;
  log: Logger;
  /** APPROVAL_TTL: how long the helpdesk has to decide (and, once approved, the requester to use it). */
  approvalTtlMs: number;
  /** MAX_REQUESTS_PER_USER_PER_DAY: a recovery-key request counts like a reset request. */
  maxRequestsPerDay: number;
}

export class RecoveryKeyApprovals {
  constructor(private readonly deps: RecoveryKeyApprovalDeps) {}

  /**
   * The requester asks the helpdesk for the key of one PC. `deviceId` is card data: the device is
   * re-read and its primary user checked (as under `self`) before anything reaches the channel.
   */
  async ask(requester: Requester, deviceId: string, cardActivityId: string | undefined): Promise<AskApprovalOutcome> {
    const step = await this.deps.service.chooseDevice(requester, deviceId);
    if (step.kind !== 'askKeyId') return { kind: 'device', outcome: step };
    // Without a channel nobody would ever see the request: say so now rather than let it expire unseen.
    if (!(await this.deps.channels.current(requester.tenantId))) return { kind: 'noApprovalChannel' };
    const request = this.newRequest(requester, step.device, cardActivityId);
    const since = new Date(this.now().getTime() - DAY_MS).toISOString();
    const inserted = await this.deps.store.insertRequest(request, { dailyLimit: { max: this.deps.maxRequestsPerDay, sinceIso: since } });
    switch (inserted.kind) {
      case 'inserted':
        break;
      case 'deviceHasOpenRequest': {
        const open = inserted.existing;
        const own = sameId(open.requesterId, requester.aadObjectId) && isRecoveryKeyRequest(open);
        return own ? { kind: 'requested', request: open } : { kind: 'deviceBusy' };
      }
      case 'dailyLimitReached':
        return tooManyRequests(this.deps, requester);
      default: {
        const unknown: never = inserted;
        throw new Error(`unexpected insert outcome ${JSON.stringify(unknown)}`);
      }
    }
    await this.deps.store.appendAudit({
      requestId: request.id,
      at: request.createdAt,
      actor: requester.aadObjectId,
      event: 'recoveryKeyRequested',
      detail: `BitLocker recovery key of ${request.device.deviceName} (${request.device.deviceId}); needs helpdesk approval`,
    });
    this.deps.log.info('recovery key approval requested', { requestId: request.id, deviceId: request.device.deviceId });
    // The channel card and the expiry timer, after the invoke is answered (as for a confirmed reset).
    this.deps.scheduler.run('announce-confirmed', () => this.deps.approvals.announceConfirmed(request));
    return { kind: 'requested', request };
  }

  /**
   * After the approval: the requester's own, approved, unexpired request, and then exactly the
   * `self` read (owner re-checked, their delegated token, daily attempt limit). `requestId` is card
   * data: everything is re-read here.
   */
  async reveal(requester: Requester, requestId: string, keyId: KeyId, userAssertion: string): Promise<ApprovedRevealOutcome> {
    const loaded = await this.loadOwn(requester, requestId);
    if (loaded.kind !== 'approved') return loaded;
    // One approval, one key: two clicks at once must not both read it. The first claims the request
    // (compare-and-set on its version, like the follow-up's check lease); the claim lapses by itself
    // after REVEAL_CLAIM_MS should this instance die holding it.
    const request = await this.claim(loaded.request);
    if (!request) return { kind: 'notApproved', request: (await this.deps.store.getRequest(requestId)) ?? loaded.request };
    const approved = { requestId: request.id, deviceId: request.device.deviceId };
    const outcome = await this.deps.service.reveal(requester, request.device.deviceId, keyId, userAssertion, approved).finally(async () => {
      await this.deps.store.patch(request.id, request.version, { nextCheckAt: null });
    });
    if (outcome.kind !== 'shown') return { kind: 'revealed', request: (await this.deps.store.getRequest(requestId)) ?? request, outcome };
    // One approval, one key: the request ends here; a second click finds it closed.
    const done = (await finish(this.deps, (await this.deps.store.getRequest(requestId)) ?? request, 'succeeded', null)) ?? request;
    await this.deps.store.appendAudit({
      requestId: request.id,
      at: this.now().toISOString(),
      actor: requester.aadObjectId,
      event: 'recoveryKeyShown',
      detail: `key of ${request.device.deviceName} (${request.device.deviceId}) shown in the requester's personal chat`,
    });
    return { kind: 'revealed', request: done, outcome };
  }

  /** The request as its requester may see it now (own, approved or where it stands instead). */
  async loadOwn(requester: Requester, requestId: string): Promise<Exclude<ApprovedRevealOutcome, { kind: 'revealed' }> | { kind: 'approved'; request: ResetRequest }> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !sameId(request.tenantId, requester.tenantId) || !isRecoveryKeyRequest(request)) return { kind: 'requestNotFound' };
    if (!sameId(request.requesterId, requester.aadObjectId)) {
      this.deps.log.warn('recovery key request of another user refused', { requestId, actor: requester.aadObjectId });
      return { kind: 'notYourRequest' };
    }
    if (request.state === 'approved' && this.deps.approvals.isPastExpiry(request)) {
      return { kind: 'notApproved', request: (await this.deps.approvals.expire(request.id)) ?? request };
    }
    return request.state === 'approved' ? { kind: 'approved', request } : { kind: 'notApproved', request };
  }

  /** The approved request, claimed for this reveal; undefined when another click holds it. */
  private async claim(request: ResetRequest): Promise<ResetRequest | undefined> {
    const now = this.now().getTime();
    if (request.nextCheckAt && Date.parse(request.nextCheckAt) > now) return undefined;
    return this.deps.store.patch(request.id, request.version, { nextCheckAt: new Date(now + REVEAL_CLAIM_MS).toISOString() });
  }

  private newRequest(requester: Requester, device: RecoveryKeyDevice, cardActivityId: string | undefined): ResetRequest {
    const now = this.now();
    const snapshot: DeviceSnapshot = {
      deviceId: device.id,
      deviceName: device.deviceName,
      model: device.model,
      operatingSystem: 'Windows',
      osVersion: device.osVersion,
      ownerType: device.ownerType ?? 'unknown',
      lastSyncDateTime: device.lastSyncDateTime,
      platform: 'windows',
    };
    return {
      ...newRequest(requester, snapshot, 'revealRecoveryKey', now),
      // There is nothing to confirm: the click on "Ask the helpdesk" is the confirmation.
      state: 'awaiting_approval',
      cardActivityId: cardActivityId ?? null,
      // Always the helpdesk, whatever MANAGER_APPROVAL says: a manager cannot check a PC's registration.
      approver: 'helpdesk',
      expiresAt: new Date(now.getTime() + this.deps.approvalTtlMs).toISOString(),
    };
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}
