import type { Logger } from '../log';
import type { Problem } from './problems';
import type { Clock, RequestStore } from './ports';
import type { ApproverKind, ResetRequest } from './request';
import { sameId } from './identity';
import type { Requester } from './service';

export type RequestStep = { kind: 'request'; request: ResetRequest } | { kind: 'problem'; problem: Problem };

export interface ConfirmationDeps {
  store: RequestStore;
  clock: Clock;
  log: Logger;
  /** Starts the Graph action in the background once a request is approved. */
  startExecution(requestId: string): void;
  /** Who must approve a request for this platform (null: self-service). */
  approverFor(request: ResetRequest): ApproverKind | null;
  approvalTtlMs: number;
  /** Background follow-up of a confirmation: manager lookup, approval card, notices. */
  afterConfirm(request: ResetRequest): void;
  /** Background: others see a cancelled request. */
  afterCancel(request: ResetRequest): void;
}

/**
 * The requester's clicks on a request card. Card data carries only the request id: everything
 * else is re-read from the store, and every move is a compare-and-set, so a double click or two
 * racing invokes approve a request once and start exactly one action.
 */
export class Confirmations {
  constructor(private readonly deps: ConfirmationDeps) {}

  async confirm(requester: Requester, requestId: string, cardActivityId: string | undefined): Promise<RequestStep> {
    const loaded = await this.loadOwn(requester, requestId);
    if (loaded.kind === 'problem') return loaded;
    const request = loaded.request;
    if (request.state !== 'awaiting_confirmation') return this.alreadyMoved(request);
    const approver = this.deps.approverFor(request);
    const card = { cardActivityId: cardActivityId ?? request.cardActivityId };
    const moved = approver
      ? await this.deps.store.transition(request.id, request.version, 'awaiting_approval', {
          ...card,
          approver,
          expiresAt: new Date(this.deps.clock.now().getTime() + this.deps.approvalTtlMs).toISOString(),
        })
      : await this.deps.store.transition(request.id, request.version, 'approved', card);
    if (!moved) return this.reread(requestId);
    await this.audit(moved, requester.aadObjectId, 'confirmed', approver ? `needs ${approver} approval` : 'self-service');
    if (!approver) this.deps.startExecution(moved.id);
    this.deps.afterConfirm(moved);
    return { kind: 'request', request: moved };
  }

  async cancel(requester: Requester, requestId: string): Promise<RequestStep> {
    const loaded = await this.loadOwn(requester, requestId);
    if (loaded.kind === 'problem') return loaded;
    const request = loaded.request;
    if (request.state !== 'awaiting_confirmation' && request.state !== 'awaiting_approval') return this.alreadyMoved(request);
    const moved = await this.deps.store.transition(request.id, request.version, 'cancelled');
    if (!moved) return this.reread(requestId);
    await this.audit(moved, requester.aadObjectId, 'cancelled', `from ${request.state}`);
    if (request.state === 'awaiting_approval') this.deps.afterCancel(moved);
    return { kind: 'request', request: moved };
  }

  /** Ids are GUIDs from parsed card data; the tenant check keeps one tenant's ids useless in another. */
  private async loadOwn(requester: Requester, requestId: string): Promise<RequestStep> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !sameId(request.tenantId, requester.tenantId)) return { kind: 'problem', problem: { kind: 'requestNotFound' } };
    if (!sameId(request.requesterId, requester.aadObjectId)) {
      this.deps.log.warn('request of another user refused', { requestId, actor: requester.aadObjectId });
      return { kind: 'problem', problem: { kind: 'notYourRequest' } };
    }
    return { kind: 'request', request };
  }

  /** A click on a card whose request has moved on: show where it is now, never act again. */
  private alreadyMoved(request: ResetRequest): RequestStep {
    const stillRunning = request.state === 'approved' || request.state === 'executing' || request.state === 'awaiting_approval';
    return stillRunning ? { kind: 'request', request } : { kind: 'problem', problem: { kind: 'requestClosed', state: request.state } };
  }

  private async reread(requestId: string): Promise<RequestStep> {
    const current = await this.deps.store.getRequest(requestId);
    return current ? this.alreadyMoved(current) : { kind: 'problem', problem: { kind: 'requestNotFound' } };
  }

  private async audit(request: ResetRequest, actor: string, event: string, detail: string): Promise<void> {
    await this.deps.store.appendAudit({ requestId: request.id, at: this.deps.clock.now().toISOString(), actor, event, detail });
    this.deps.log.info(`request ${event}`, { requestId: request.id });
  }
}
