// Virtual time for the lifecycle: a Clock the domain reads and a TimerSource its Scheduler uses.
// Nothing fires on its own; `advance` moves time and fires what fell due, in time order.
import type { Clock } from '../../../src/reset/ports';
import type { TimerSource } from '../../../src/reset/scheduler';

export const START = Date.parse('2026-03-02T09:00:00.000Z');

interface PendingTimer {
  at: number;
  seq: number;
  fire: () => void;
}

/** Lets every job started so far run to its next real wait (fakes answer in microtasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

export class ManualClock implements Clock {
  private current: number;
  private readonly pending: PendingTimer[] = [];
  private seq = 0;

  /** What a Scheduler built for this clock uses instead of Node's timers. */
  readonly timers: TimerSource = {
    now: () => this.current,
    setTimer: (callback, delayMs) => {
      const timer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fire: callback };
      this.pending.push(timer);
      return () => {
        const index = this.pending.indexOf(timer);
        if (index >= 0) this.pending.splice(index, 1);
      };
    },
  };

  constructor(start = START) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Timers not fired yet (of every scheduler on this clock). */
  get pendingTimers(): number {
    return this.pending.length;
  }

  /** Moves time by `ms`, firing every timer that falls due (and those the fired jobs set) in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const next = this.nextDue(target);
      if (!next) break;
      this.pending.splice(this.pending.indexOf(next), 1);
      this.current = Math.max(this.current, next.at);
      next.fire();
    }
    this.current = target;
  }

  /** Moves time by `ms` without firing anything: a timer that is late (busy or dead instance). */
  skip(ms: number): void {
    this.current += ms;
  }

  /** Fires what is due now and lets it run. */
  async runDue(): Promise<void> {
    await this.advance(0);
  }

  private nextDue(until: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.pending) {
      if (timer.at > until) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}
