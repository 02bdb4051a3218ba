import type { ActionResult } from '../intune/device';
import { audit, failureReasonOf, finish, moveFrom, SENT_EVENT, type ExecutionDeps } from './execution';
import { holdLease } from './lease';
import { PersonalChatGone } from './ports';
import type { ResetRequest } from './request';

/** A result is ours only if it started after our POST, give or take this much clock skew. */
const CLOCK_SKEW_MS = 10_000;

/**
 * Windows 10 Mobile is out of support and such a phone may never check in again: follow it for a
 * quarter of the usual wait, so its owner hears "contact the helpdesk" sooner (the offer says so).
 */
export const WINDOWS_MOBILE_WAIT_SHARE = 0.25;

/**
 * Follows a sent action through `deviceActionResults` until Intune reports it finished, with a
 * first delay and doubling back-off so a typical reset costs one read. The temporary passcode is
 * handed to the requester straight from that read and is never stored.
 */
export class ActionFollowUp {
  constructor(private readonly deps: ExecutionDeps) {}

  schedule(request: ResetRequest): void {
    const at = request.nextCheckAt ? new Date(request.nextCheckAt) : this.deps.clock.now();
    this.deps.scheduler.at('follow-up', at, () => this.check(request.id));
  }

  async check(requestId: string): Promise<void> {
    const request = await this.claimCheck(requestId);
    if (!request) return;
    const lease = holdLease(this.deps, request);
    try {
      await this.checkClaimed(request);
    } finally {
      lease.release();
    }
  }

  private async checkClaimed(request: ResetRequest): Promise<void> {
    let result: ActionResult | undefined;
    try {
      result = await this.deps.actions.resetPasscodeResult(request.device.deviceId);
    } catch (error) {
      const reason = failureReasonOf(error);
      if (reason === 'graphUnavailable') return this.backOff(request);
      await finish(this.deps, request, 'failed', reason);
      return;
    }
    // A result is ours only if it started after our POST: even after a 204 Intune may still list an
    // earlier reset's entry (with its old passcode) for a while. After a 204 we wait for ours; with
    // no 204, sending again could act twice, so with no trace of our POST we say so instead of guessing.
    if (result && startedAfterOurPost(result, request)) return this.settle(request, result);
    if (await this.graphAccepted(request)) return this.backOff(request);
    await finish(this.deps, request, 'failed', 'actionNotConfirmed');
  }

  /**
   * One instance at a time follows a request: the check is claimed by moving `nextCheckAt` a lease
   * ahead with a compare-and-set. Whoever loses the race (another instance, or a stale timer) stops;
   * if the owner dies, the lease runs out and the next instance's timer takes over.
   */
  private async claimCheck(requestId: string): Promise<ResetRequest | undefined> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || request.state !== 'executing') return undefined;
    const now = this.deps.clock.now().getTime();
    if (request.nextCheckAt && Date.parse(request.nextCheckAt) > now + 1_000) {
      // Not due yet (someone else holds it, or it was moved): look again when it is.
      this.schedule(request);
      return undefined;
    }
    const leased = await this.deps.store.patch(request.id, request.version, { nextCheckAt: new Date(now + this.deps.polling.leaseMs).toISOString() });
    return leased ?? undefined;
  }

  private async settle(request: ResetRequest, result: ActionResult): Promise<void> {
    switch (result.actionState) {
      case 'done':
        return this.succeed(request, result.passcode);
      case 'failed':
        await finish(this.deps, request, 'failed', 'actionFailed');
        return;
      case 'notSupported':
        await finish(this.deps, request, 'failed', 'actionNotSupported');
        return;
      case 'canceled':
        await finish(this.deps, request, 'failed', 'actionCanceled');
        return;
      case 'none':
      case 'pending':
      case 'active':
        return this.backOff(request);
      default: {
        const unknownState: never = result.actionState;
        throw new Error(`unhandled action state ${String(unknownState)}`);
      }
    }
  }

  private async succeed(request: ResetRequest, passcode: string | undefined): Promise<void> {
    if (!passcode) {
      await finish(this.deps, request, 'succeeded', null);
      return;
    }
    // The passcode goes out first, straight from the Graph read: if we die before recording the
    // success, the next check reads it again and shows it again, rather than never.
    let passcodeActivityId: string | undefined;
    try {
      passcodeActivityId = await this.deps.passcodes.showPasscode(request, passcode);
    } catch (error) {
      // Teams may be down for a while (retried at the next check), or the chat gone for good (the
      // app was uninstalled). Retrying forever would hold the device's one open request for ever:
      // once the action's wait is over the request ends as done, and the owner can ask for the
      // passcode again (README "Show passcode again") when the chat is back.
      // A chat that is gone for good (Teams 403/404) will not come back within the wait: end now.
      if (!(error instanceof PersonalChatGone) && !this.waitIsOver(request)) throw error;
      this.deps.log.warn('temporary passcode could not be delivered; request ends without it', { requestId: request.id, error });
      const done = await finish(this.deps, request, 'succeeded', null);
      if (done) await audit(this.deps, done, 'passcodeNotDelivered', 'the personal chat could not be reached');
      return;
    }
    const hideAt = new Date(this.deps.clock.now().getTime() + this.deps.passcodeVisibleMs).toISOString();
    const done = await finish(this.deps, request, 'succeeded', null, { passcodeActivityId, hidePasscodeAt: hideAt });
    if (done) this.scheduleHide(done);
  }

  scheduleHide(request: ResetRequest): void {
    if (!request.hidePasscodeAt) return;
    this.deps.scheduler.at('hide-passcode', new Date(request.hidePasscodeAt), () => this.hidePasscode(request.id));
  }

  async hidePasscode(requestId: string): Promise<void> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || request.state !== 'succeeded' || !request.hidePasscodeAt) return;
    await this.deps.passcodes.hidePasscode(request);
    const patched = await moveFrom(this.deps.store, request, 'sameState', { hidePasscodeAt: null });
    if (patched) await audit(this.deps, patched, 'passcodeHidden', 'card updated');
  }

  private async backOff(request: ResetRequest): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const sentAt = request.actionSentAt ? Date.parse(request.actionSentAt) : now;
    const elapsed = now - sentAt;
    if (this.waitIsOver(request)) {
      await finish(this.deps, request, 'failed', 'timedOut');
      return;
    }
    // Waiting as long again as has already passed doubles the interval: checks at f, 2f, 4f, … capped.
    const delay = Math.min(Math.max(elapsed, this.deps.polling.firstDelayMs), this.deps.polling.maxDelayMs);
    const patched = await moveFrom(this.deps.store, request, 'sameState', { nextCheckAt: new Date(now + delay).toISOString() });
    if (patched) this.schedule(patched);
  }

  private waitIsOver(request: ResetRequest): boolean {
    const sentAt = request.actionSentAt ? Date.parse(request.actionSentAt) : this.deps.clock.now().getTime();
    return this.deps.clock.now().getTime() - sentAt >= this.waitFor(request);
  }

  private waitFor(request: ResetRequest): number {
    const timeout = this.deps.polling.timeoutMs;
    return request.device.platform === 'windows-mobile' ? Math.ceil(timeout * WINDOWS_MOBILE_WAIT_SHARE) : timeout;
  }

  private async graphAccepted(request: ResetRequest): Promise<boolean> {
    const trail = await this.deps.store.auditOf(request.id);
    return trail.some((entry) => entry.event === SENT_EVENT);
  }
}

/** Whether `result` is this request's action and not an earlier one (its start is after our POST, give or take skew). */
export function startedAfterOurPost(result: ActionResult, request: ResetRequest): boolean {
  const started = Date.parse(result.startDateTime);
  if (!request.actionSentAt || Number.isNaN(started)) return false;
  return started >= Date.parse(request.actionSentAt) - CLOCK_SKEW_MS;
}
