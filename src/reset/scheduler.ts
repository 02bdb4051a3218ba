import type { Logger } from '../log';

/**
 * Runs background work (the Graph action, polling, hiding a passcode) after the turn that asked
 * for it has been answered. Tracks what is running so tests can wait for quiet and shutdown can
 * stop timers; the store, not this, is the source of truth after a restart.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

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
    const delay = Math.max(0, at.getTime() - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // Node's timers can fire a millisecond before Date.now() reaches `at`; a job that checks the
      // time (an approval's expiry) would then find itself early and do nothing. Wait the rest.
      if (Date.now() < at.getTime()) this.at(name, at, job);
      else this.run(name, job);
    }, delay);
    this.timers.add(timer);
  }

  /** Resolves when no job is running (timers may still be pending). For tests and shutdown. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }
}
