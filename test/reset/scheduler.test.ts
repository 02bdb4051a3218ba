import assert from 'node:assert/strict';
import { createLogger } from '../../src/log';
import { Scheduler, type TimerSource } from '../../src/reset/scheduler';
import { ManualClock } from './support/manual-clock';

describe('the background scheduler on a manual clock', () => {
  it('runs a job at its time, not before, and waits for running jobs in idle()', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(createLogger('silent'), clock.timers);
    const ran: number[] = [];
    scheduler.at('job', new Date(clock.now().getTime() + 1000), async () => {
      ran.push(clock.now().getTime());
    });
    await clock.advance(999);
    assert.deepEqual(ran, []);
    await clock.advance(1);
    await scheduler.idle();
    assert.deepEqual(ran, [clock.now().getTime()]);
  });

  // Node's setTimeout may call back a millisecond before Date.now() reaches the due time.
  it('re-arms a timer that fires early instead of running the job early', async () => {
    const clock = new ManualClock();
    let early = true;
    const timers: TimerSource = {
      now: () => clock.timers.now(),
      setTimer: (callback, delayMs) => clock.timers.setTimer(callback, early ? ((early = false), delayMs - 1) : delayMs),
    };
    const scheduler = new Scheduler(createLogger('silent'), timers);
    const ran: number[] = [];
    const due = clock.now().getTime() + 1000;
    scheduler.at('expire', new Date(due), async () => {
      ran.push(clock.now().getTime());
    });
    await clock.advance(999);
    assert.deepEqual(ran, []);
    await clock.advance(1);
    assert.deepEqual(ran, [due]);
  });

  // The recurring sweeps (orphaned work, shown passcodes and recovery keys) must outlive a bad round.
  it('runs a recurring job again after a run that failed, and stops with the scheduler', async () => {
    const clock = new ManualClock();
    const errors: string[] = [];
    const scheduler = new Scheduler(createLogger('error', (line) => errors.push(line)), clock.timers);
    const ran: number[] = [];
    scheduler.every('sweep', 1000, async () => {
      ran.push(clock.now().getTime());
      if (ran.length === 1) throw new Error('store unavailable');
    });
    const start = clock.now().getTime();
    await clock.advance(3000);
    await scheduler.idle();
    assert.deepEqual(ran, [start + 1000, start + 2000, start + 3000]);
    assert.equal(errors.length, 1, 'the failed round is logged');
    await scheduler.stop(0);
    await clock.advance(5000);
    assert.equal(ran.length, 3);
  });

  it('runs nothing once stopped: pending timers are cancelled', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(createLogger('silent'), clock.timers);
    let ran = 0;
    scheduler.at('later', new Date(clock.now().getTime() + 10), async () => {
      ran += 1;
    });
    await scheduler.stop(0);
    assert.equal(clock.pendingTimers, 0);
    await clock.advance(1000);
    scheduler.run('after stop', async () => {
      ran += 1;
    });
    assert.equal(ran, 0);
  });
});
