// Fakes of the outbox's own ports, and a harness that wires them to a real SQLite store.
import { openStore, type Store } from '../../../src/store';
import { DeliveryFailure, deliveryFailureFrom, type DeliveryFacts } from '../../../src/notify/delivery-failure';
import { Outbox } from '../../../src/notify/outbox';
import type { AppInstaller, DeliveredActivity, OutboxPayload, OutboxTarget, TeamsDelivery } from '../../../src/notify/ports';
import type { Timer } from '../../../src/notify/timer';
import { OutboxWorker, type OutboxWorkerOptions } from '../../../src/notify/worker';

export const START = Date.parse('2025-03-01T09:00:00.000Z');

/**
 * Virtual time: `sleep` yields to the event loop once and then moves the clock to its wake-up time
 * (never backwards), so a test covers minutes of backoff and pacing in milliseconds. A sleeper may
 * wake later than asked when another one moved the clock further — never earlier.
 */
export class FakeTimer implements Timer {
  constructor(private current = START) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  async sleep(ms: number): Promise<void> {
    const wake = this.current + Math.max(0, ms);
    await new Promise((resolve) => setImmediate(resolve));
    this.current = Math.max(this.current, wake);
  }
}

export interface DeliveryCall {
  op: 'send' | 'newThread' | 'update';
  /** Virtual time of the call, epoch ms. */
  at: number;
  /** The conversation the call went to (for update: the one named). */
  conversationId: string;
  activityId?: string;
  payload: OutboxPayload;
  /** Set once answered: whether the call delivered. */
  delivered?: boolean;
}

/** Answers each call: undefined delivers, a DeliveryFailure is thrown, anything else is thrown too. */
export type Responder = (call: DeliveryCall, calls: readonly DeliveryCall[]) => unknown;

/** A TeamsDelivery that records calls and answers as the test scripts it. */
export class ScriptedDelivery implements TeamsDelivery {
  readonly calls: DeliveryCall[] = [];
  private nextActivity = 1;

  constructor(
    private readonly timer: Timer,
    public respond: Responder = () => undefined,
  ) {}

  async send(target: OutboxTarget, payload: OutboxPayload): Promise<DeliveredActivity> {
    const conversationId = target.kind === 'conversation' ? target.conversationId : `a:chat-${target.aadObjectId}`;
    return this.answer({ op: 'send', at: this.timer.now().getTime(), conversationId, payload });
  }

  async newThread(channelId: string, payload: OutboxPayload): Promise<DeliveredActivity> {
    const activityId = `activity-${this.nextActivity}`;
    const call = { op: 'newThread' as const, at: this.timer.now().getTime(), conversationId: `${channelId};messageid=${activityId}`, payload };
    return this.answer(call);
  }

  async update(conversationId: string, activityId: string, payload: OutboxPayload): Promise<void> {
    await this.answer({ op: 'update', at: this.timer.now().getTime(), conversationId, activityId, payload });
  }

  /** Calls whose payload text is `text`. */
  callsOf(text: string): DeliveryCall[] {
    return this.calls.filter((call) => call.payload['text'] === text);
  }

  private async answer(call: DeliveryCall): Promise<DeliveredActivity> {
    this.calls.push(call);
    // Answer on a later turn of the event loop, as a real HTTP call would, so workers interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const failure = this.respond(call, this.calls);
    call.delivered = failure === undefined;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- scripts throw what the connector client would, shapes included
    if (failure !== undefined) throw failure;
    const activityId = call.activityId ?? `activity-${this.nextActivity++}`;
    return { activityId, conversationId: call.conversationId };
  }
}

/** A failure exactly as src/bot would build it from an HTTP answer. */
export function httpFailure(status: number, extra: Omit<DeliveryFacts, 'status'> = {}): DeliveryFailure {
  return deliveryFailureFrom({ status, ...extra }, new Date(START));
}

/** Fails the first `times` calls for payload text `text` with `failure()`, then delivers. */
export function failFirst(times: number, text: string, failure: () => unknown): Responder {
  return (call, calls) => {
    if (call.payload['text'] !== text) return undefined;
    return calls.filter((c) => c.payload['text'] === text).length <= times ? failure() : undefined;
  };
}

export class FakeInstaller implements AppInstaller {
  readonly installedFor: string[] = [];

  constructor(private readonly answer: 'installed' | 'notPermitted' = 'installed') {}

  async installFor(aadObjectId: string): Promise<'installed' | 'notPermitted'> {
    this.installedFor.push(aadObjectId);
    return this.answer;
  }
}

export interface Harness {
  store: Store;
  timer: FakeTimer;
  delivery: ScriptedDelivery;
  outbox: Outbox;
  worker: OutboxWorker;
}

/** A real store (memory unless `spec` names a file), virtual time, scripted Teams, one worker. */
export function harness(
  options: { spec?: string; respond?: Responder; installer?: AppInstaller; worker?: OutboxWorkerOptions; timer?: FakeTimer } = {},
): Harness {
  const timer = options.timer ?? new FakeTimer();
  const store = openStore(options.spec ?? 'sqlite::memory:');
  const delivery = new ScriptedDelivery(timer, options.respond);
  const worker = new OutboxWorker(
    { store, delivery, installer: options.installer, timer },
    { random: () => 0.5, owner: 'worker-a', ...options.worker },
  );
  const outbox = new Outbox(store, timer, () => worker.kick());
  return { store, timer, delivery, outbox, worker };
}

export const toConversation = (conversationId: string): OutboxTarget => ({ kind: 'conversation', conversationId });
