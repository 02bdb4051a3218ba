import { randomUUID } from 'node:crypto';
import type { Eligibility, GuideTopic, ManagedDevice, RefuseReason } from '../intune/device';
import { classifyPlatform, daysSinceCheckIn, decideEligibility } from '../intune';
import type { Logger } from '../log';
import type { Problem } from './problems';
import { asIntuneFailure, type Clock, type DeviceDirectory, type InsertOutcome, type RequestStore } from './ports';
import { FINAL_STATES, NOTHING_HAPPENED_YET, OPEN_STATES, type DeviceSnapshot, type ResetRequest } from './request';
import { sameId } from './identity';
import { DAY_MS, retryAtAfter } from './rolling-day';

/** The person asking, as proven by the channel (never by anything they typed). */
export interface Requester {
  tenantId: string;
  aadObjectId: string;
  name: string;
  locale: string;
  /** Their personal chat with the bot. */
  conversationId: string;
}

export type DeviceStep =
  | { kind: 'offer'; request: ResetRequest; staleDays: number | null }
  | { kind: 'guide'; device: DeviceSnapshot; topic: GuideTopic }
  | { kind: 'refuse'; device: DeviceSnapshot; reason: RefuseReason }
  | { kind: 'inProgress'; request: ResetRequest }
  | { kind: 'problem'; problem: Problem };

export type StartOutcome = DeviceStep | { kind: 'noDevices' } | { kind: 'pick'; devices: ManagedDevice[] };

export interface RequestServiceDeps {
  directory: DeviceDirectory;
  store: RequestStore;
  clock: Clock;
  log: Logger;
  /** Requests one person may open in 24 hours. */
  maxRequestsPerDay: number;
  /** Without a helpdesk group nobody can review a device whose kind is unknown (policy.ts). */
  approval: { helpdeskGroupId: string | undefined };
}


/** "Reset my PIN" up to the confirm card: list own devices, decide what each one allows, open a request. */
/** How long an offer waits for its Confirm before a new request for the device replaces it. */
const OFFER_TTL_MS = 24 * 60 * 60_000;

export class RequestService {
  constructor(private readonly deps: RequestServiceDeps) {}

  async requestReset(requester: Requester): Promise<StartOutcome> {
    const devices = await this.listOwnDevices(requester);
    if ('problem' in devices) return devices;
    if (devices.length === 0) return { kind: 'noDevices' };
    const [only] = devices;
    if (devices.length === 1 && only) return this.offerFor(requester, only);
    return { kind: 'pick', devices };
  }

  /** `deviceId` comes from card data: untrusted, so the device is fetched and its owner checked. */
  async chooseDevice(requester: Requester, deviceId: string): Promise<DeviceStep> {
    try {
      const device = await this.deps.directory.device(deviceId);
      if (!device) return { kind: 'problem', problem: { kind: 'deviceNotFound' } };
      return await this.offerFor(requester, device);
    } catch (error) {
      return { kind: 'problem', problem: problemFromFailure(error) };
    }
  }

  async openRequestsOf(requester: Requester): Promise<ResetRequest[]> {
    return this.deps.store.requestsOf(requester.aadObjectId, OPEN_STATES);
  }

  private async listOwnDevices(requester: Requester): Promise<ManagedDevice[] | { kind: 'problem'; problem: Problem }> {
    try {
      const devices = await this.deps.directory.devicesOf(requester.aadObjectId);
      // Graph filtered by primary user already; keep the check here so a wrong filter can never leak a device.
      return devices.filter((d) => sameId(d.userId, requester.aadObjectId));
    } catch (error) {
      return { kind: 'problem', problem: problemFromFailure(error) };
    }
  }

  /** An unknown Android kind needs the helpdesk to look; with no helpdesk, say so and point to it. */
  private withoutReviewer(decision: Eligibility): Eligibility {
    if (decision.kind !== 'offer' || decision.platform !== 'android-unknown' || this.deps.approval.helpdeskGroupId) return decision;
    return { kind: 'refuse', reason: 'androidKindUnknown', platform: decision.platform };
  }

  private async offerFor(requester: Requester, device: ManagedDevice): Promise<DeviceStep> {
    const decision = this.withoutReviewer(decideEligibility(device, requester.aadObjectId));
    const snapshot = snapshotOf(device);
    if (decision.kind === 'refuse') {
      // Someone else's device: say no without describing it.
      const shown = decision.reason === 'notPrimaryUser' ? { ...snapshot, deviceName: '', model: '' } : snapshot;
      return { kind: 'refuse', device: shown, reason: decision.reason };
    }
    if (decision.kind === 'guide') return { kind: 'guide', device: snapshot, topic: decision.topic };
    const staleDays = daysSinceCheckIn(device, this.deps.clock.now());
    const request = newRequest(requester, snapshot, decision.action, this.deps.clock.now());
    // One atomic step in the store: ten parallel clicks for one device open one request, and the
    // daily limit cannot be passed by asking many times at once (issue 15, item 7).
    const outcome = await this.insertUnlessBlocked(request);
    switch (outcome.kind) {
      case 'inserted':
        break;
      case 'deviceHasOpenRequest':
        return this.existingRequestStep(requester, outcome.existing, staleDays);
      case 'dailyLimitReached':
        return { kind: 'problem', problem: await tooManyRequests(this.deps, requester) };
      default:
        return assertNever(outcome);
    }
    await this.deps.store.appendAudit({ requestId: request.id, at: request.createdAt, actor: requester.aadObjectId, event: 'offered', detail: `${snapshot.platform} ${decision.action}` });
    this.deps.log.info('request offered', { requestId: request.id, platform: snapshot.platform, action: decision.action });
    return { kind: 'offer', request, staleDays };
  }

  /**
   * An offer nobody confirmed within a day is abandoned: it may not hold the device's one open
   * request for ever (after a change of primary user its old owner can never confirm it). It is
   * expired, with a compare-and-set, and the insert tried once more; anything newer still blocks.
   */
  private async insertUnlessBlocked(request: ResetRequest): Promise<InsertOutcome> {
    const rules = { dailyLimit: this.dailyLimit() };
    const outcome = await this.deps.store.insertRequest(request, rules);
    if (outcome.kind !== 'deviceHasOpenRequest' || !this.isAbandonedOffer(outcome.existing)) return outcome;
    const expired = await this.deps.store.transition(outcome.existing.id, outcome.existing.version, 'expired');
    if (expired) {
      await this.deps.store.appendAudit({ requestId: expired.id, at: expired.updatedAt, actor: 'system', event: 'expired', detail: 'offer not confirmed within a day; a new request for the device' });
    }
    return this.deps.store.insertRequest(request, rules);
  }

  private isAbandonedOffer(open: ResetRequest): boolean {
    return open.state === 'awaiting_confirmation' && this.deps.clock.now().getTime() - Date.parse(open.createdAt) >= OFFER_TTL_MS;
  }

  /** The device already has an open request: the requester's own is shown again; someone else's is not described. */
  private existingRequestStep(requester: Requester, open: ResetRequest, staleDays: number | null): DeviceStep {
    if (!sameId(open.requesterId, requester.aadObjectId)) return { kind: 'problem', problem: { kind: 'deviceHasOpenRequest' } };
    return open.state === 'awaiting_confirmation' ? { kind: 'offer', request: open, staleDays } : { kind: 'inProgress', request: open };
  }

  private dailyLimit(): { max: number; sinceIso: string } {
    return { max: this.deps.maxRequestsPerDay, sinceIso: new Date(this.deps.clock.now().getTime() - DAY_MS).toISOString() };
  }
}

/**
 * A stolen Teams session should not be able to open devices one after another: the store refused
 * a request over the limit of the last 24 hours; say when the oldest of those stops counting.
 */
/** "Too many requests today, try again at …" — for passcode resets and recovery-key requests alike. */
export async function tooManyRequests(
  deps: Pick<RequestServiceDeps, 'clock' | 'store' | 'log' | 'maxRequestsPerDay'>,
  requester: Requester,
): Promise<Extract<Problem, { kind: 'tooManyRequests' }>> {
  const now = deps.clock.now().getTime();
  const recent = await deps.store.requestsOf(requester.aadObjectId, [...OPEN_STATES, ...FINAL_STATES]);
  const created = recent.map((r) => Date.parse(r.createdAt));
  deps.log.warn('daily request limit reached', { requester: requester.aadObjectId, count: created.filter((t) => t >= now - DAY_MS).length });
  return { kind: 'tooManyRequests', limit: deps.maxRequestsPerDay, retryAt: retryAtAfter(created, deps.maxRequestsPerDay, now) };
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected insert outcome ${JSON.stringify(value)}`);
}

export function snapshotOf(device: ManagedDevice): DeviceSnapshot {
  return {
    deviceId: device.id,
    deviceName: device.deviceName,
    model: device.model,
    operatingSystem: device.operatingSystem,
    osVersion: device.osVersion,
    ownerType: device.managedDeviceOwnerType,
    lastSyncDateTime: device.lastSyncDateTime,
    platform: classifyPlatform(device),
  };
}

/** A new request as the requester opens it, awaiting their confirmation (a caller may start it elsewhere). */
export function newRequest(requester: Requester, device: DeviceSnapshot, action: ResetRequest['action'], now: Date): ResetRequest {
  const at = now.toISOString();
  return {
    id: randomUUID(),
    version: 1,
    state: 'awaiting_confirmation',
    tenantId: requester.tenantId,
    requesterId: requester.aadObjectId,
    requesterName: requester.name,
    locale: requester.locale,
    device,
    action,
    createdAt: at,
    updatedAt: at,
    conversationId: requester.conversationId,
    ...NOTHING_HAPPENED_YET,
  };
}

/** Turns a gateway failure into what the user is told; anything else is a bug and is rethrown. */
export function problemFromFailure(error: unknown): Problem {
  const failure = asIntuneFailure(error);
  if (!failure) throw error;
  if (failure.reason === 'forbidden' || failure.reason === 'unauthorized') {
    return { kind: 'graphPermissionMissing', permission: failure.missingPermission ?? 'DeviceManagementManagedDevices.Read.All' };
  }
  // Listing answers 404 only for a user Entra does not know: an identity we cannot act for.
  if (failure.reason === 'notFound') return { kind: 'missingIdentity' };
  return { kind: 'graphUnavailable' };
}
