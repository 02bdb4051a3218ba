import type { Clock, RequestStore } from './ports';
import type { ResetRequest } from './request';
import type { Scheduler } from './scheduler';

export interface LeaseDeps {
  store: RequestStore;
  scheduler: Scheduler;
  clock: Clock;
  polling: { leaseMs: number };
}

/** A claim this instance holds on a request while it works on it; `release` when the work ends. */
export interface HeldLease {
  /** The work moved the request itself (e.g. approved → executing): keep renewing that version. */
  track(request: ResetRequest): void;
  release(): void;
}

/**
 * Renews the claim on a request every third of the lease while work on it runs (a Graph call may
 * take up to its timeout), so the lease can be short and a dead instance's work is taken over
 * soon after it stops renewing (README "Running more than one instance").
 *
 * The claim is what other instances read to decide that the work is orphaned: for `approved`, the
 * request's `updatedAt` (any write renews it); for `executing`, `nextCheckAt` (moved a lease
 * ahead). A renewal is a compare-and-set; it stops as soon as the request is no longer the one
 * this instance claimed (moved on, or `nextCheckAt` rewritten by someone else).
 */
export function holdLease(deps: LeaseDeps, claimed: ResetRequest): HeldLease {
  let held: ResetRequest | undefined = claimed;
  const everyMs = Math.max(1, Math.floor(deps.polling.leaseMs / 3));
  const renew = async (): Promise<void> => {
    const mine = held;
    if (!mine) return;
    const current = await deps.store.getRequest(mine.id);
    if (!current || !stillOurs(mine, current)) {
      held = undefined;
      return;
    }
    const leaseEnd = deps.clock.now().getTime() + deps.polling.leaseMs;
    const due = current.nextCheckAt ? Date.parse(current.nextCheckAt) : 0;
    const renewed =
      current.state === 'executing'
        ? await deps.store.patch(current.id, current.version, { nextCheckAt: new Date(Math.max(leaseEnd, due)).toISOString() })
        : await deps.store.patch(current.id, current.version, {});
    // A lost compare-and-set means our own work (or someone else) wrote meanwhile: look again next time.
    if (renewed && held) held = renewed;
    tick();
  };
  const tick = (): void => {
    if (!held) return;
    deps.scheduler.at('renew-lease', new Date(deps.clock.now().getTime() + everyMs), renew);
  };
  tick();
  return {
    track: (request) => {
      if (held) held = request;
    },
    release: () => {
      held = undefined;
    },
  };
}

function stillOurs(mine: ResetRequest, current: ResetRequest): boolean {
  if (current.state !== mine.state) return false;
  return current.state !== 'executing' || current.nextCheckAt === mine.nextCheckAt;
}
