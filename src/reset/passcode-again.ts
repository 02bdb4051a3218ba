import type { ActionResult } from '../intune/device';
import type { Logger } from '../log';
import { sameId } from './identity';
import { moveFrom } from './execution';
import { startedAfterOurPost } from './follow-up';
import { asIntuneFailure, type Clock, type DeviceActions, type DeviceDirectory, type RequestStore } from './ports';
import type { ResetRequest } from './request';
import type { Requester } from './service';

/**
 * Intune keeps the temporary passcode of a reset readable in `deviceActionResults` for 7 days
 * (Microsoft Learn, "Reset or remove a device passcode in Intune"). The bot hides the message that
 * showed it after a few minutes; whoever missed it may show it again within those 7 days.
 */
export const PASSCODE_READABLE_MS = 7 * 24 * 3600 * 1000;

export type PasscodeAgainRefusal = 'requestNotFound' | 'notYourRequest' | 'noPasscode' | 'tooOld' | 'notYourDevice' | 'intuneUnavailable';

export type PasscodeAgain =
  | { kind: 'passcode'; request: ResetRequest; passcode: string }
  | { kind: 'refused'; reason: PasscodeAgainRefusal };

export interface PasscodeAgainDeps {
  store: RequestStore;
  directory: Pick<DeviceDirectory, 'device'>;
  actions: Pick<DeviceActions, 'resetPasscodeResult'>;
  clock: Clock;
  log: Logger;
  passcodeVisibleMs: number;
  /** Hides the message again after `hidePasscodeAt` (the follow-up's hide, which already survives restarts). */
  scheduleHide(request: ResetRequest): void;
}

/**
 * "Show passcode again": the card carries the request id only. The request is re-read from the
 * store (owner, tenant, state, age), the device from Graph (the clicker must still be its primary
 * user) and the passcode from Graph's `deviceActionResults` — never from the store, which never
 * holds it. Every refusal is decided before the passcode is read where it can be.
 */
export class PasscodeRecall {
  constructor(private readonly deps: PasscodeAgainDeps) {}

  async showAgain(requester: Requester, requestId: string, messageActivityId: string | undefined): Promise<PasscodeAgain> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !sameId(request.tenantId, requester.tenantId)) return refused('requestNotFound');
    if (!sameId(request.requesterId, requester.aadObjectId)) {
      this.deps.log.warn('passcode of another user refused', { requestId, actor: requester.aadObjectId });
      return refused('notYourRequest');
    }
    // Removing an iOS passcode issues none; a request that did not succeed has none either.
    // A recovery-key request never had a passcode (and its key is never re-read from here).
    if (request.state !== 'succeeded' || request.action === 'removePasscode' || request.action === 'revealRecoveryKey') return refused('noPasscode');
    if (!this.readableAt(request.actionSentAt)) return refused('tooOld');
    try {
      const device = await this.deps.directory.device(request.device.deviceId);
      if (!device || !sameId(device.userId, requester.aadObjectId)) return refused('notYourDevice');
      const result = await this.deps.actions.resetPasscodeResult(request.device.deviceId);
      const passcode = this.passcodeOf(result, request);
      if (passcode.kind === 'refused') return passcode;
      // No timer to hide it again, no passcode: it must not stay on screen for good.
      if (!(await this.hideAgainLater(request, requester, messageActivityId))) return refused('intuneUnavailable');
      return { kind: 'passcode', request, passcode: passcode.value };
    } catch (error: unknown) {
      if (!asIntuneFailure(error)) throw error;
      this.deps.log.warn('passcode could not be read again', { requestId, error });
      return refused('intuneUnavailable');
    }
  }

  private passcodeOf(result: ActionResult | undefined, request: ResetRequest): { kind: 'value'; value: string } | Refused {
    if (!result || result.actionState !== 'done' || !result.passcode) return refused('noPasscode');
    // A result older than our action is someone else's (an earlier reset): not this request's passcode.
    if (!startedAfterOurPost(result, request)) return refused('noPasscode');
    if (!this.readableAt(result.startDateTime)) return refused('tooOld');
    return { kind: 'value', value: result.passcode };
  }

  private readableAt(startedAt: string | null): boolean {
    const started = startedAt ? Date.parse(startedAt) : Number.NaN;
    return !Number.isNaN(started) && this.deps.clock.now().getTime() - started < PASSCODE_READABLE_MS;
  }

  /** The shown passcode is hidden again after the usual few minutes, through the same timer as the first time. */
  private async hideAgainLater(request: ResetRequest, requester: Requester, messageActivityId: string | undefined): Promise<boolean> {
    const now = this.deps.clock.now();
    const patched = await moveFrom(this.deps.store, request, 'sameState', {
      hidePasscodeAt: new Date(now.getTime() + this.deps.passcodeVisibleMs).toISOString(),
      passcodeActivityId: request.passcodeActivityId ?? messageActivityId ?? null,
    });
    if (!patched) {
      this.deps.log.warn('passcode not shown again: the request could not be updated', { requestId: request.id });
      return false;
    }
    this.deps.scheduleHide(patched);
    // Never the passcode in the audit or the log: who looked, and when.
    await this.deps.store.appendAudit({ requestId: request.id, at: now.toISOString(), actor: requester.aadObjectId, event: 'passcodeShownAgain', detail: 'from Graph' });
    this.deps.log.info('temporary passcode shown again', { requestId: request.id });
    return true;
  }
}

type Refused = Extract<PasscodeAgain, { kind: 'refused' }>;

function refused(reason: PasscodeAgainRefusal): Refused {
  return { kind: 'refused', reason };
}
