import type { RequestStore } from '../reset/ports';
import type { ResetRequest } from '../reset/request';

/** Enqueues the card update for one version of the request; `keySuffix` makes a repeat a new event. */
export type EnqueueVersion = (request: ResetRequest, keySuffix: string) => Promise<'enqueued' | 'duplicate'>;

/**
 * Makes the last card update in an outbox lane show the newest version of the request.
 *
 * A lane is delivered in enqueue order, but enqueue order is not version order: an instance that
 * read the request at "approved" may enqueue that card after another instance already moved the
 * request on and enqueued "done" (a slow store write, two instances sharing the work), and the
 * card would end on the older version. So the card for the request *as it is now* is enqueued, and
 * once it is in the lane the request is read again: if it moved on meanwhile, its newer card is
 * enqueued after ours. When that newer card's event was already enqueued by someone else, we cannot
 * tell whether it went in before or after ours, so it is enqueued again under a new key: a repeated
 * update of the same card is harmless, a card ending on an older version is not.
 */
export async function enqueueNewest(requests: Pick<RequestStore, 'getRequest'>, seen: ResetRequest, enqueue: EnqueueVersion): Promise<void> {
  const shown = newer(seen, await requests.getRequest(seen.id));
  await enqueue(shown, '');
  const after = await requests.getRequest(seen.id);
  if (!after || after.version <= shown.version) return;
  if ((await enqueue(after, '')) === 'duplicate') await enqueue(after, `:after-v${shown.version}`);
}

function newer(seen: ResetRequest, stored: ResetRequest | undefined): ResetRequest {
  return stored && stored.version > seen.version ? stored : seen;
}
