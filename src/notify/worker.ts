import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { silentLogger, type Logger } from '../log';
import { attemptDelivery, type AttemptDeps } from './attempt';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import type { AppInstaller, OutboxDepth, OutboxFailureReason, OutboxMessage, OutboxStore, TeamsDelivery } from './ports';
import { RateLimiter, TEAMS_RATE_LIMITS, type RateLimits } from './rate-limiter';
import { systemTimer, type Timer } from './timer';

export interface OutboxWorkerDeps {
  store: OutboxStore;
  delivery: TeamsDelivery;
  /** Without one, a personal chat the app is not installed in fails as 'botNotInstalled'. */
  installer?: AppInstaller;
  timer?: Timer;
  log?: Logger;
  /** Told once a message has finally failed (after its last try). */
  onFailed?: (message: OutboxMessage, reason: OutboxFailureReason) => Promise<void>;
}

export interface OutboxWorkerOptions {
  /** Lease owner; unique per worker. Default: host, pid and a random suffix. */
  owner?: string;
  /**
   * How long a claim holds a message. Longer than any Teams call may take, the connector's own
   * retries included (see the at-least-once window in attempt.ts); a crashed worker's messages
   * are tried again this long after its claim.
   */
  leaseMs?: number;
  /** Messages claimed per round; each is the head of a different lane. */
  batchSize?: number;
  /** Lanes delivered at the same time. */
  concurrency?: number;
  /** How often an idle worker looks for due messages (a kick wakes it sooner). */
  pollMs?: number;
  /** Pacing waits up to this long holding the lease; a longer one gives the message back until then. */
  maxInlineWaitMs?: number;
  retry?: Partial<RetryPolicy>;
  limits?: RateLimits;
  random?: () => number;
}

/**
 * Delivers the outbox: claims due messages (the head of each conversation lane), paces them under
 * Teams' limits, sends, and records the outcome. Every instance of the bot may run one; the
 * store's lease keeps them from delivering the same message. The pacing is per worker: with
 * several instances each keeps its own windows (lanes are still delivered one message at a time).
 */
export class OutboxWorker {
  private readonly store: OutboxStore;
  private readonly timer: Timer;
  private readonly log: Logger;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly maxInlineWaitMs: number;
  private readonly limiter: RateLimiter;
  private readonly attemptDeps: AttemptDeps;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private kicked = false;
  private wake = new AbortController();

  constructor(deps: OutboxWorkerDeps, options: OutboxWorkerOptions = {}) {
    this.store = deps.store;
    this.timer = deps.timer ?? systemTimer;
    this.log = (deps.log ?? silentLogger).child({ component: 'outbox' });
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 16;
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 2_000;
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 1_000;
    this.limiter = new RateLimiter(options.limits ?? TEAMS_RATE_LIMITS, () => this.timer.now().getTime());
    this.attemptDeps = {
      store: deps.store,
      delivery: deps.delivery,
      installer: deps.installer,
      onFailed: deps.onFailed,
      timer: this.timer,
      owner: this.owner,
      log: this.log,
      context: {
        policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
        random: options.random ?? Math.random,
        canInstall: deps.installer !== undefined,
      },
      pace: (message) => this.pace(message),
      minLeaseLeftMs: this.leaseMs / 2,
    };
  }

  /** Runs the delivery loop in the background until `stop()`. */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run().finally(() => {
      this.loop = undefined;
    });
  }

  /** Finishes the messages in flight, gives back the claimed ones not started, and ends the loop. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    await this.loop;
  }

  /** Looks for due messages now instead of at the next poll: call after enqueueing. */
  kick(): void {
    this.kicked = true;
    this.wake.abort();
  }

  /**
   * Delivers until nothing is pending or `timeoutMs` of the timer's time has passed, and answers
   * the depth then. For tests and one-off tools; not meant to run beside `start()`.
   */
  async drain(timeoutMs: number): Promise<OutboxDepth> {
    const deadline = this.timer.now().getTime() + timeoutMs;
    for (;;) {
      const handled = await this.deliverDue();
      const depth = await this.store.outboxDepth();
      const left = deadline - this.timer.now().getTime();
      if (depth.pending === 0 || left <= 0) return depth;
      if (handled === 0) await this.timer.sleep(Math.min(this.pollMs, left));
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const handled = await this.deliverDue();
      if (handled === 0 && !this.stopping) await this.idle();
    }
  }

  private async idle(): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return;
    }
    this.wake = new AbortController();
    await this.timer.sleep(this.pollMs, this.wake.signal);
    this.kicked = false;
  }

  /** One round: claim, deliver, record. Answers how many messages it claimed. */
  private async deliverDue(): Promise<number> {
    let batch: OutboxMessage[];
    try {
      batch = await this.store.claimDueMessages(this.owner, this.timer.now(), this.leaseMs, this.batchSize);
    } catch (error) {
      // The store is busy or down: nothing was claimed, so nothing is lost; try at the next poll.
      this.log.error('outbox claim failed', { error });
      return 0;
    }
    await inParallel(batch, this.concurrency, (message) => this.deliverOne(message));
    return batch.length;
  }

  private async deliverOne(message: OutboxMessage): Promise<void> {
    try {
      if (this.stopping) await this.store.releaseMessage(message.id, this.owner, this.timer.now());
      else await attemptDelivery(message, this.attemptDeps);
    } catch (error) {
      // A store write failed after the try: the lease expires and the message is tried again.
      this.log.error('outbox delivery could not be recorded', { eventKey: message.eventKey, error });
    }
  }

  /** Takes a pacing slot for the message's lane, waiting briefly; false when it gave the message back. */
  private async pace(message: OutboxMessage): Promise<boolean> {
    for (;;) {
      const waitMs = this.limiter.tryAcquire(message.lane);
      if (waitMs === 0) return true;
      if (waitMs > this.maxInlineWaitMs || this.stopping) {
        await this.store.releaseMessage(message.id, this.owner, new Date(this.timer.now().getTime() + waitMs));
        return false;
      }
      await this.timer.sleep(waitMs);
    }
  }
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
}
