// Delivered outbox messages are history: kept for OUTBOX_RETENTION_DAYS so that a repeated event
// is still recognised by its eventKey and a later card can still update the one it replaces, then
// deleted, so the outbox does not grow for ever (issue 15, item 9). Pending and failed messages stay.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from '../log';
import type { Clock } from '../reset/ports';
import type { OutboxStore } from './ports';

/** Rows deleted per store call: each call is one short write (SQLite holds the write lock for it). */
export const PRUNE_BATCH = 500;
/** How often a running bot prunes again. */
export const PRUNE_EVERY_MS = 6 * 3_600_000;

export interface RetentionDeps {
  store: Pick<OutboxStore, 'pruneDeliveredMessages'>;
  clock: Clock;
  log: Pick<Logger, 'info'>;
}

/** Deletes every delivered message enqueued more than `retentionMs` ago, a batch at a time; returns how many. */
export async function pruneDeliveredOutbox(deps: RetentionDeps, retentionMs: number): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - retentionMs);
  let pruned = 0;
  for (;;) {
    const deleted = await deps.store.pruneDeliveredMessages(before, PRUNE_BATCH);
    pruned += deleted;
    if (deleted < PRUNE_BATCH) break;
    // Between batches the bot answers its turns: a first prune of a long history must not stall them.
    await yieldToEventLoop();
  }
  if (pruned > 0) deps.log.info('pruned delivered outbox messages', { count: pruned, enqueuedBefore: before.toISOString() });
  return pruned;
}

/** What keeps pruning going: the lifecycle's Scheduler (its timers end at shutdown). */
export interface PruneScheduler {
  run(name: string, job: () => Promise<void>): void;
  at(name: string, at: Date, job: () => Promise<void>): void;
}

/** Prunes now, in the background, then every `everyMs`. */
export function keepOutboxPruned(deps: RetentionDeps, scheduler: PruneScheduler, retentionMs: number, everyMs: number = PRUNE_EVERY_MS): void {
  const again = (): void => scheduler.at('prune-outbox', new Date(Date.now() + everyMs), prune);
  const prune = async (): Promise<void> => {
    try {
      await pruneDeliveredOutbox(deps, retentionMs);
    } finally {
      again();
    }
  };
  scheduler.run('prune-outbox', prune);
}
