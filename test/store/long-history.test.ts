// Issue 15, item 9: with a long history a restart read every succeeded request (resumeOpenWork)
// and the outbox kept every delivered message for ever. Here a SQLite file holds 100,000 old
// succeeded requests and 100,000 old delivered messages; start-up must read only what is still
// live, and pruning must remove the old messages in short batches. Assertions count store calls
// and rows handed back, not time, so a loaded machine cannot make them flaky.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { silentLogger } from '../../src/log';
import { PRUNE_BATCH, pruneDeliveredOutbox } from '../../src/notify/retention';
import { createResetApp, Scheduler } from '../../src/reset';
import { openStore, type Store } from '../../src/store';
import { RequestRow, toRequestRow } from '../../src/store/sqlite/request-rows';
import { makeTempDir, ManualClock, sampleRequest } from './fixtures';

const OLD_ROWS = 100_000;
const NOW = new Date('2025-06-01T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Writes the old history straight into the file, in one transaction each: seconds, not minutes. */
function seedHistory(file: string): void {
  const db = new DatabaseSync(file);
  const columns = Object.keys(RequestRow.shape);
  const request = db.prepare(`INSERT INTO requests (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const message = db.prepare(`INSERT INTO outbox (id, event_key, lane, operation_json, payload_json, state, attempts, next_attempt_at,
      next_attempt_ms, app_install_attempted, delivered_activity_id, delivered_conversation_id, created_at, created_ms)
    VALUES (?, ?, ?, '{"kind":"send","target":{"kind":"conversation","conversationId":"a:x"}}', '{"text":"done"}', 'delivered', 1, ?, ?, 0, 'act', 'a:x', ?, ?)`);
  db.exec('BEGIN');
  for (let i = 0; i < OLD_ROWS; i++) {
    const at = iso(NOW.getTime() - 400 * DAY + i * 60_000);
    request.run(toRequestRow(sampleRequest({ id: `old-${i}`, state: 'succeeded', createdAt: at, updatedAt: at })));
    const sent = NOW.getTime() - 40 * DAY - i * 1000;
    message.run(`m-${i}`, `request:old-${i}:requester-card:v3`, `conversation:a:${i % 500}`, iso(sent), sent, iso(sent), sent);
  }
  db.exec('COMMIT');
  db.close();
}

/** Counts the store calls a piece of work makes and the requests they hand back. */
function counting(store: Store): { store: Store; calls: string[]; rows: () => number } {
  const calls: string[] = [];
  let rows = 0;
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return async (...args: unknown[]) => {
        calls.push(name);
        const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        rows += Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
        return result;
      };
    },
  });
  return { store: counted, calls, rows: () => rows };
}

describe('starting with a long history (100,000 old rows)', function () {
  // Seeding 200,000 rows takes a few seconds on a loaded 2-core machine; the assertions are counts.
  this.timeout(120_000);
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let store: Store;

  before(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'pinbot.db');
    openStore(`sqlite:${file}`).close();
    seedHistory(file);
  });
  after(() => temp.remove());
  beforeEach(() => {
    store = openStore(`sqlite:${file}`, { clock: new ManualClock(NOW) });
  });
  afterEach(() => store.close());

  it('re-arms only live work on restart: two store calls, only the live requests read', async () => {
    const live = [
      sampleRequest({ id: 'waiting', state: 'awaiting_approval', expiresAt: iso(NOW.getTime() + DAY), createdAt: iso(NOW.getTime() - 60_000) }),
      sampleRequest({ id: 'shown-1', state: 'succeeded', hidePasscodeAt: iso(NOW.getTime() + 240_000) }),
      sampleRequest({ id: 'shown-2', state: 'succeeded', hidePasscodeAt: iso(NOW.getTime() + 300_000) }),
    ];
    for (const request of live) await store.insertRequest(request);
    const { store: counted, calls, rows } = counting(store);
    const scheduler = new Scheduler(silentLogger);
    const unused = async (): Promise<never> => {
      throw new Error('not used when nothing is due');
    };
    const app = createResetApp({
      store: counted,
      directory: { devicesOf: unused, device: unused },
      actions: { resetPasscode: unused, resetPasscodeResult: unused },
      notifier: { showRequest: unused },
      passcodes: { showPasscode: unused, hidePasscode: unused },
      announcer: { requestConfirmed: unused, requestChanged: unused },
      people: { person: unused, managerOf: unused, isMemberOf: unused, findPeople: unused },
      scheduler,
      clock: new ManualClock(NOW),
      log: silentLogger,
      polling: { firstDelayMs: 30_000, maxDelayMs: 600_000, timeoutMs: DAY, leaseMs: 120_000 },
      passcodeVisibleMs: 300_000,
      approval: { policy: { kind: 'none' }, managerApproval: false, helpdeskGroupId: undefined, ttlMs: DAY },
      notifyManager: false,
      maxRequestsPerDay: 3,
    });
    try {
      assert.equal(await app.resumeOpenWork(), 3);
      assert.deepEqual(calls.sort(), ['requestsInStates', 'succeededWithPasscodeShown']);
      assert.equal(rows(), 3, `start-up read ${rows()} requests`);
    } finally {
      await scheduler.stop(0);
    }
  });

  it('prunes the 100,000 old delivered messages in batches and keeps recent and undelivered ones', async () => {
    await store.enqueueMessage({ ...recentMessage(), id: 'recent-pending' });
    const { store: counted, calls } = counting(store);
    const pruned = await pruneDeliveredOutbox({ store: counted, clock: new ManualClock(NOW), log: silentLogger }, 30 * DAY);
    assert.equal(pruned, OLD_ROWS);
    assert.equal(calls.length, Math.floor(OLD_ROWS / PRUNE_BATCH) + 1, 'each call deletes one bounded batch');
    assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 0, failed: 0 });
    assert.equal(await pruneDeliveredOutbox({ store, clock: new ManualClock(NOW), log: silentLogger }, 30 * DAY), 0);
  });
});

function recentMessage() {
  return {
    eventKey: 'request:new:channel-card',
    lane: 'conversation:a:new',
    operation: { kind: 'send' as const, target: { kind: 'conversation' as const, conversationId: 'a:new' } },
    payload: { text: 'new' },
    createdAt: NOW.toISOString(),
  };
}
