import type { Logger } from '../log';

/**
 * Where the scheduler's time and timers come from: Node's by default; a test hands in a manual
 * clock that fires due timers when it is advanced, so hours of expiry, polling and leases run in
 * microseconds and in a fixed order.
 */
export interface TimerSource {
  now(): number;
  /** Calls `callback` once after `delayMs`; returns what cancels it. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

export const nodeTimers: TimerSource = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};

/**
 * Runs background work (the Graph action, polling, hiding a passcode) after the turn that asked
 * for it has been answered. Tracks what is running so tests can wait for quiet and shutdown can
 * stop timers; the store, not this, is the source of truth after a restart.
 */
export class Scheduler {
  private readonly timers = new Set<() => void>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly log: Logger,
    private readonly time: TimerSource = nodeTimers,
  ) {}

  /** Runs `job` now, in the background. */
  run(name: string, job: () => Promise<void>): void {
    if (this.stopped) return;
    const task = job()
      .catch((error: unknown) => this.log.error('background job failed', { job: name, error }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Runs `job` at `at` (or now when `at` has passed). */
  at(name: string, at: Date, job: () => Promise<void>): void {
    if (this.stopped) return;
    const delay = Math.max(0, at.getTime() - this.time.now());
    const cancel = this.time.setTimer(() => {
      this.timers.delete(cancel);
      // Node's timers can fire a millisecond before Date.now() reaches `at`; a job that checks the
      // time (an approval's expiry) would then find itself early and do nothing. Wait the rest.
      if (this.time.now() < at.getTime()) this.at(name, at, job);
      else this.run(name, job);
    }, delay);
    this.timers.add(cancel);
  }

  /**
   * Runs `job` every `everyMs` until the scheduler stops, each run timed from the end of the last
   * (runs never overlap). A run that fails is logged like any job, and the next one still comes.
   */
  every(name: string, everyMs: number, job: () => Promise<unknown>): void {
    this.at(name, new Date(this.time.now() + everyMs), async () => {
      try {
        await job();
      } finally {
        this.every(name, everyMs, job);
      }
    });
  }

  /** Resolves when no job is running (timers may still be pending). For tests and shutdown. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }
}
