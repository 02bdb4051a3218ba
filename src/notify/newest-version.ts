import type { RequestStore } from '../reset/ports';
import type { ResetRequest } from '../reset/request';

/** How one card's updates are enqueued and looked up, one event per version of the request. */
export interface CardVersions {
  /** Enqueues the card for this version of the request; `keySuffix` makes a repeat a new event. */
  enqueue(request: ResetRequest, keySuffix: string): Promise<'enqueued' | 'duplicate'>;
  /** Whether the card of `version` was enqueued (by any instance). */
  enqueued(version: number): Promise<boolean>;
}

/**
 * Makes the last update in a card's outbox lane show the newest version of the request.
 *
 * A lane is delivered in enqueue order, but enqueue order is not version order: an instance that
 * read the request at "approved" may enqueue that card after another instance already moved the
 * request on and enqueued "done" (a slow store write, two instances sharing the work), and the card
 * would end on the older version. So:
 * - a version older than one already in the lane is skipped (it could only go behind it);
 * - after enqueueing, the request is read again: when a newer version's card went into the lane
 *   meanwhile (perhaps before ours), the request as it is now is enqueued once more after ours.
 *   A repeated update of the same card is harmless; a card ending on an older version is not.
 * A newer version whose card is not enqueued yet needs nothing: whoever announces it does so later.
 */
export async function enqueueNewest(requests: Pick<RequestStore, 'getRequest'>, seen: ResetRequest, card: CardVersions): Promise<void> {
  if (await newerEnqueued(requests, seen, card)) return;
  await card.enqueue(seen, '');
  const latest = await newerEnqueued(requests, seen, card);
  if (latest) await card.enqueue(latest, `:after-v${seen.version}`);
}

const PROBED_VERSIONS = 4;

/** The request as stored now, when a version newer than `seen` has its card in the lane. */
async function newerEnqueued(requests: Pick<RequestStore, 'getRequest'>, seen: ResetRequest, card: CardVersions): Promise<ResetRequest | undefined> {
  const latest = await requests.getRequest(seen.id);
  if (!latest) return undefined;
  // Versions move by one per write; a card is announced for a state change, which the last few
  // versions hold (later writes are lease renewals and patches). One key lookup each, at most a few.
  const oldest = Math.max(seen.version + 1, latest.version - PROBED_VERSIONS + 1);
  for (let version = latest.version; version >= oldest; version -= 1) {
    if (await card.enqueued(version)) return latest;
  }
  return undefined;
}
