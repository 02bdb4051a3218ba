import type { Logger } from '../log';
import { audit } from './execution';
import { sameId } from './identity';
import { holdLease } from './lease';
import type { Clock, PeopleDirectory, RequestAnnouncer, RequesterNotifier, RequestStore } from './ports';
import { asIntuneFailure } from './ports';
import { isRecoveryKeyRequest, type RequestPatch, type ResetRequest } from './request';
import type { Scheduler } from './scheduler';

/** The person clicking Approve or Reject, as proven by the channel. */
export interface Decider {
  tenantId: string;
  aadObjectId: string;
  name: string;
}

/**
 * What one person may see of a request: the requester and the approvers of that request (helpdesk
 * members, or the manager where the manager decides) see it; the helpdesk also sees, read-only, a
 * request its manager decides (the card is in their channel); anyone else sees nothing of it.
 */
export type RequestView = 'approver' | 'readOnly' | 'notForYou' | 'directoryUnavailable';

export type ApprovalRefusal = 'notApprover' | 'ownRequest' | 'alreadyDecided' | 'expired' | 'notFound' | 'directoryUnavailable';

export type DecisionResult =
  | { kind: 'decided'; request: ResetRequest }
  | { kind: 'refused'; reason: ApprovalRefusal; request: ResetRequest | undefined };

export interface ApprovalDeps {
  store: RequestStore;
  people: PeopleDirectory;
  notifier: RequesterNotifier;
  announcer: RequestAnnouncer;
  scheduler: Scheduler;
  clock: Clock;
  log: Logger;
  helpdeskGroupId: string | undefined;
  notifyManager: boolean;
  polling: { leaseMs: number };
  /** APPROVAL_TTL: an approved recovery-key request may be used this long after the decision. */
  approvalTtlMs: number;
  startExecution(requestId: string): void;
}

const MAX_NOTE = 500;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Decisions on requests that need approval. Authority is checked on the server at every click
 * (group membership or manager, live from Graph); the first decision wins by compare-and-set,
 * so two approvers clicking at once start one action.
 */
export class Approvals {
  constructor(private readonly deps: ApprovalDeps) {}

  async decide(decider: Decider, requestId: string, decision: 'approve' | 'reject', note: string | undefined): Promise<DecisionResult> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !sameId(request.tenantId, decider.tenantId)) return refused('notFound', undefined);
    if (request.state !== 'awaiting_approval') return refused('alreadyDecided', request);
    if (this.isPastExpiry(request)) return refused('expired', (await this.expire(request.id)) ?? request);
    if (sameId(request.requesterId, decider.aadObjectId)) return refused('ownRequest', request);
    const allowed = await this.mayDecide(decider.aadObjectId, request);
    if (allowed !== true) return refused(allowed, request);
    const to = decision === 'approve' ? 'approved' : 'rejected';
    const moved = await this.deps.store.transition(request.id, request.version, to, {
      decidedBy: decider.aadObjectId,
      decidedByName: decider.name.replace(CONTROL, ' ').slice(0, 200),
      decisionNote: decision === 'reject' ? cleanNote(note) : null,
      // An approved recovery key waits for the requester's sign-in: the approval lapses, unused, after APPROVAL_TTL.
      ...(isRecoveryKeyRequest(request) && to === 'approved' ? { expiresAt: new Date(this.now().getTime() + this.deps.approvalTtlMs).toISOString() } : {}),
    });
    if (!moved) return refused('alreadyDecided', await this.deps.store.getRequest(requestId));
    await this.deps.store.appendAudit({ requestId, at: this.now().toISOString(), actor: decider.aadObjectId, event: to, detail: `by ${moved.approver ?? 'helpdesk'}` });
    this.deps.log.info(`request ${to}`, { requestId, approver: decider.aadObjectId });
    // The action starts once the "approved" cards are enqueued: its own updates (executing, done)
    // then come later in each card's outbox lane, so a card never ends on an older version.
    if (to === 'approved' && isRecoveryKeyRequest(moved)) {
      // No Graph action exists for it: the requester is told and reads the key with their own sign-in (src/recovery-key/approval.ts).
      this.scheduleExpiry(moved);
      this.tellEveryone(moved);
    } else if (to === 'approved') {
      // This instance sends the action once the cards are enqueued; until then it holds the claim,
      // so a slow announcement does not make another instance take the request for orphaned.
      const lease = holdLease(this.deps, moved);
      this.tellEveryone(moved, () => {
        lease.release();
        this.deps.startExecution(moved.id);
      });
    } else this.tellEveryone(moved);
    return { kind: 'decided', request: moved };
  }

  /** The manager's notice could not be delivered (app not installable, blocked): say so on the helpdesk card. */
  async managerNotNotified(requestId: string, why: string): Promise<void> {
    const updated = await this.recordManager(requestId, { managerNotice: 'notNotified' });
    if (!updated) return;
    await audit(this.deps, updated, 'managerNotNotified', why);
    await this.deps.announcer.requestChanged(updated);
  }

  /**
   * Request ids travel in cards and links, so holding one proves nothing: who may see the request
   * is decided here, live (group membership or manager), at every refresh or refused click.
   */
  async viewOf(viewerId: string, request: ResetRequest): Promise<RequestView> {
    if (sameId(request.requesterId, viewerId)) return 'readOnly';
    const decides = await this.mayDecide(viewerId, request);
    if (decides === true) return request.state === 'awaiting_approval' ? 'approver' : 'readOnly';
    if (decides === 'directoryUnavailable') return decides;
    if (request.approver !== 'manager') return 'notForYou';
    // Where the manager decides, the helpdesk channel still shows the card (read-only), and `pending` lists it.
    const helpdesk = await this.mayDecide(viewerId, { ...request, approver: 'helpdesk' });
    if (helpdesk === true) return 'readOnly';
    return helpdesk === 'directoryUnavailable' ? helpdesk : 'notForYou';
  }

  /** The request lapses when nobody decided within APPROVAL_TTL. Returns the expired request. */
  async expire(requestId: string): Promise<ResetRequest | undefined> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !this.canLapse(request) || !this.isPastExpiry(request)) return undefined;
    const moved = await this.deps.store.transition(request.id, request.version, 'expired');
    if (!moved) return undefined;
    await audit(this.deps, moved, 'expired', request.state === 'approved' ? 'the approval was not used in time; no key was shown' : 'nobody decided in time');
    this.tellEveryone(moved);
    return moved;
  }

  scheduleExpiry(request: ResetRequest): void {
    if (!request.expiresAt) return;
    this.deps.scheduler.at('expire-approval', new Date(request.expiresAt), async () => {
      await this.expire(request.id);
    });
  }

  /**
   * After the requester confirmed: find the manager (404 = none, noted in the audit), post the
   * approval card or the manager's notice. Runs after the invoke was answered.
   */
  async announceConfirmed(request: ResetRequest): Promise<void> {
    if (request.state === 'awaiting_approval') this.scheduleExpiry(request);
    const withManager = await this.lookUpManager(request);
    await this.deps.announcer.requestConfirmed(withManager);
    // A fast self-service reset may have finished while the manager was looked up: catch up.
    const latest = await this.deps.store.getRequest(request.id);
    if (latest && latest.version !== withManager.version && latest.state !== withManager.state) {
      await this.deps.announcer.requestChanged(latest);
    }
  }

  private async lookUpManager(request: ResetRequest): Promise<ResetRequest> {
    // A recovery key is the helpdesk's and the requester's business: no manager notice (README "BitLocker recovery key").
    if (isRecoveryKeyRequest(request)) return request;
    if (!this.deps.notifyManager && request.approver !== 'manager') return request;
    try {
      const manager = await this.deps.people.managerOf(request.requesterId);
      if (!manager) await audit(this.deps, request, 'managerNotFound', 'no manager in Entra ID; not notified');
      return await this.recordManager(request.id, {
        managerId: manager?.id ?? null,
        managerName: manager?.displayName ?? null,
        managerNotice: manager ? 'pending' : 'noManager',
      }) ?? request;
    } catch (error) {
      if (!asIntuneFailure(error)) throw error;
      this.deps.log.warn('manager lookup failed', { requestId: request.id, reason: asIntuneFailure(error)?.reason });
      await audit(this.deps, request, 'managerLookupFailed', asIntuneFailure(error)?.missingPermission ?? 'Graph unavailable');
      return request;
    }
  }

  /** The action may be moving the request at the same time: patch whatever state it is in now. */
  private async recordManager(requestId: string, patch: RequestPatch): Promise<ResetRequest | undefined> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.deps.store.getRequest(requestId);
      if (!current) return undefined;
      const patched = await this.deps.store.patch(current.id, current.version, patch);
      if (patched) return patched;
    }
    return this.deps.store.getRequest(requestId);
  }

  private async mayDecide(deciderId: string, request: ResetRequest): Promise<true | ApprovalRefusal> {
    try {
      if (request.approver === 'manager') {
        const manager = await this.deps.people.managerOf(request.requesterId);
        return manager && sameId(manager.id, deciderId) ? true : 'notApprover';
      }
      const group = this.deps.helpdeskGroupId;
      return group && (await this.deps.people.isMemberOf(deciderId, group)) ? true : 'notApprover';
    } catch (error) {
      if (!asIntuneFailure(error)) throw error;
      return 'directoryUnavailable';
    }
  }

  private tellEveryone(request: ResetRequest, then?: () => void): void {
    this.deps.scheduler.run('announce-change', async () => {
      try {
        await this.deps.notifier.showRequest(request);
        await this.deps.announcer.requestChanged(request);
      } finally {
        then?.();
      }
    });
  }

  /**
   * Waiting for a decision, or (a recovery key only) approved and waiting for the requester: such
   * a request needs only its expiry timer, never the executor.
   */
  canLapse(request: ResetRequest): boolean {
    return request.state === 'awaiting_approval' || (request.state === 'approved' && isRecoveryKeyRequest(request));
  }

  isPastExpiry(request: ResetRequest): boolean {
    return Boolean(request.expiresAt && Date.parse(request.expiresAt) <= this.now().getTime());
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}

function refused(reason: ApprovalRefusal, request: ResetRequest | undefined): DecisionResult {
  return { kind: 'refused', reason, request };
}

function cleanNote(note: string | undefined): string | null {
  const cleaned = (note ?? '').replace(CONTROL, ' ').trim().slice(0, MAX_NOTE);
  return cleaned.length > 0 ? cleaned : null;
}
