import { decideEligibility } from '../intune';
import type { Logger } from '../log';
import {
  asIntuneFailure,
  type Clock,
  type DeviceActions,
  type DeviceDirectory,
  type PasscodeMessenger,
  type RequestAnnouncer,
  type RequesterNotifier,
  type RequestStore,
} from './ports';
import { isRecoveryKeyRequest, type FailureReason, type RequestPatch, type RequestState, type ResetRequest } from './request';
import { holdLease } from './lease';
import type { Scheduler } from './scheduler';

export interface PollingPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** How long one instance owns a check before another may take it over (it died). */
  leaseMs: number;
}

export interface ExecutionDeps {
  store: RequestStore;
  directory: DeviceDirectory;
  actions: DeviceActions;
  notifier: RequesterNotifier;
  passcodes: PasscodeMessenger;
  announcer: RequestAnnouncer;
  scheduler: Scheduler;
  clock: Clock;
  log: Logger;
  polling: PollingPolicy;
  passcodeVisibleMs: number;
}

/** Audit events the follow-up reads back to know whether Graph accepted the POST. */
export const SENT_EVENT = 'actionSent';
export const UNCERTAIN_EVENT = 'actionUncertain';

/**
 * Sends the one Graph action of an approved request. The device is re-fetched and re-checked right
 * before acting; the move to `executing` is a compare-and-set made *before* the POST, so however
 * many callers race here only one of them ever sends.
 */
export class ActionExecutor {
  constructor(
    private readonly deps: ExecutionDeps,
    private readonly scheduleFollowUp: (request: ResetRequest) => void,
  ) {}

  start(requestId: string): void {
    this.deps.scheduler.run('execute', () => this.execute(requestId));
  }

  async execute(requestId: string): Promise<void> {
    const request = await this.deps.store.getRequest(requestId);
    // A recovery-key approval has no Graph action: whatever calls here (a restart, an adopting instance), nothing is sent.
    if (!request || request.state !== 'approved' || isRecoveryKeyRequest(request)) return;
    // The device re-read and the POST each may take up to Graph's timeout: keep the claim fresh
    // meanwhile, so no other instance takes this request for orphaned while we work on it.
    const lease = holdLease(this.deps, request);
    try {
      const blocker = await this.recheckDevice(request);
      if (blocker) {
        await finish(this.deps, request, 'failed', blocker);
        return;
      }
      const executing = await this.claimExecution(request);
      if (!executing) return;
      lease.track(executing);
      await this.send(executing);
    } finally {
      lease.release();
    }
  }

  /** approved → executing: the step that makes this caller the only sender. */
  private async claimExecution(request: ResetRequest): Promise<ResetRequest | undefined> {
    const now = this.deps.clock.now();
    return moveFrom(this.deps.store, request, 'executing', {
      actionSentAt: now.toISOString(),
      nextCheckAt: new Date(now.getTime() + this.deps.polling.firstDelayMs).toISOString(),
    });
  }

  private async send(request: ResetRequest): Promise<void> {
    let outcome: 'sent' | 'uncertain';
    try {
      outcome = await this.deps.actions.resetPasscode(request.device.deviceId);
    } catch (error) {
      await finish(this.deps, request, 'failed', failureReasonOf(error), { detail: failureDetail(error) });
      return;
    }
    await audit(this.deps, request, outcome === 'sent' ? SENT_EVENT : UNCERTAIN_EVENT, outcome);
    await this.deps.notifier.showRequest(request);
    this.scheduleFollowUp(request);
  }

  /** Returns why the request must not go ahead, or undefined when the device is still the requester's and eligible. */
  private async recheckDevice(request: ResetRequest): Promise<FailureReason | undefined> {
    try {
      const device = await this.deps.directory.device(request.device.deviceId);
      if (!device) return 'deviceGone';
      const decision = decideEligibility(device, request.requesterId);
      if (decision.kind === 'refuse' && (decision.reason === 'notPrimaryUser' || decision.reason === 'noPrimaryUser')) return 'deviceNotOwned';
      if (decision.kind !== 'offer' || decision.action !== request.action) return 'deviceNoLongerEligible';
      return undefined;
    } catch (error) {
      const reason = failureReasonOf(error);
      this.deps.log.warn('device re-check failed', { requestId: request.id, reason, detail: failureDetail(error) });
      return reason;
    }
  }
}

/**
 * A compare-and-set that tolerates unrelated writes: when the version moved but the request is
 * still in the state we read (e.g. the manager lookup patched it meanwhile), try again on the new
 * version. When the state itself moved, someone else acted: give up and return undefined.
 */
export async function moveFrom(
  store: RequestStore,
  request: ResetRequest,
  to: RequestState | 'sameState',
  patch: RequestPatch,
): Promise<ResetRequest | undefined> {
  let current: ResetRequest | undefined = request;
  for (let attempt = 0; attempt < 5 && current && current.state === request.state; attempt += 1) {
    const moved =
      to === 'sameState' ? await store.patch(current.id, current.version, patch) : await store.transition(current.id, current.version, to, patch);
    if (moved) return moved;
    current = await store.getRequest(request.id);
  }
  return undefined;
}

/** Moves a request to a final state (compare-and-set), audits it and tells the requester. */
export async function finish(
  deps: Pick<ExecutionDeps, 'store' | 'notifier' | 'announcer' | 'clock' | 'log'>,
  request: ResetRequest,
  to: 'succeeded' | 'failed',
  reason: FailureReason | null,
  extra: { passcodeActivityId?: string; hidePasscodeAt?: string; detail?: string } = {},
): Promise<ResetRequest | undefined> {
  const moved = await moveFrom(deps.store, request, to, {
    failureReason: reason,
    nextCheckAt: null,
    hidePasscodeAt: extra.hidePasscodeAt ?? null,
    passcodeActivityId: extra.passcodeActivityId ?? null,
  });
  if (!moved) return undefined;
  await audit(deps, moved, to, [reason ?? 'ok', extra.detail].filter(Boolean).join(': '));
  await deps.notifier.showRequest(moved);
  await deps.announcer.requestChanged(moved);
  return moved;
}

export async function audit(
  deps: Pick<ExecutionDeps, 'store' | 'clock' | 'log'>,
  request: ResetRequest,
  event: string,
  detail: string,
): Promise<void> {
  await deps.store.appendAudit({ requestId: request.id, at: deps.clock.now().toISOString(), actor: 'system', event, detail });
  deps.log.info(`request ${event}`, { requestId: request.id, detail });
}

/** What an administrator needs in the audit trail: which permission is missing, or the HTTP status. */
export function failureDetail(error: unknown): string | undefined {
  const failure = asIntuneFailure(error);
  if (!failure) return undefined;
  return failure.missingPermission ? `missing Graph application permission ${failure.missingPermission}` : failure.reason;
}

/** Maps a gateway failure to the reason the requester reads; anything untyped is a bug and propagates. */
export function failureReasonOf(error: unknown): FailureReason {
  const failure = asIntuneFailure(error);
  if (!failure) throw error;
  switch (failure.reason) {
    case 'forbidden':
    case 'unauthorized':
      return 'graphPermissionMissing';
    case 'notFound':
      return 'deviceGone';
    case 'throttled':
    case 'unavailable':
    case 'timeout':
    case 'badResponse':
      return 'graphUnavailable';
    default: {
      const unknownReason: never = failure.reason;
      throw new Error(`unhandled Intune failure ${String(unknownReason)}`);
    }
  }
}
