import { setTimeout as wait } from 'node:timers/promises';
import type { Clock } from '../reset/ports';

/** The worker's sense of time: a clock it reads and a wait it can cut short (kick, stop). */
export interface Timer extends Clock {
  /** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemTimer: Timer = {
  now: () => new Date(),
  // Node's abortable timer rejects when the signal aborts; a cut-short wait is an ordinary end here.
  sleep: (ms, signal) =>
    wait(Math.max(0, ms), undefined, { signal }).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    }),
};
