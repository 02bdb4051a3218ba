import type { StatementResultingChanges } from 'node:sqlite';
import { z } from 'zod';
import { durably, immediate, prepareNamed, type Database } from './connection';
import type {
  DeliveredActivity,
  LeaseOutcome,
  NewOutboxMessage,
  OutboxDepth,
  OutboxFailure,
  OutboxMessage,
  OutboxRetry,
  OutboxStore,
} from '../../notify/ports';
import { OUTBOX_STATES } from '../domain-values';
import { instant, toInsertParams, toOutboxMessage, type InsertParams } from './outbox-rows';

// Every write after a claim matches the lease, not just the id: a worker whose lease expired and
// was taken over changes nothing (the Azure Table form is If-Match on the ETag it read).
const HELD = `id = @id AND state = 'pending' AND lease_owner = @owner`;
const FREE_LEASE = `lease_owner = NULL, lease_until = NULL, lease_until_ms = NULL`;

const IdRow = z.object({ id: z.string() });
const CountRow = z.object({ state: z.enum(OUTBOX_STATES), n: z.number().int() });

type Held = { id: string; owner: string };

function prepare(db: Database) {
  return {
    // DO NOTHING on the event key only: a clash of ids is a bug and still throws.
    insert: prepareNamed<InsertParams>(db, `
      INSERT INTO outbox (id, event_key, lane, operation_json, payload_json, state, attempts,
        next_attempt_at, next_attempt_ms, app_install_attempted, created_at, created_ms)
      VALUES (@id, @event_key, @lane, @operation_json, @payload_json, 'pending', 0,
        @created_at, @created_ms, 0, @created_at, @created_ms)
      ON CONFLICT (event_key) DO NOTHING`),
    // Only the head of each lane can be due: a lane's next message waits until every older one
    // is delivered or failed, so an update never overtakes its send, even across instances.
    dueHeads: prepareNamed<{ now: number; limit: number }>(db, `
      SELECT o.id FROM outbox o
      WHERE o.state = 'pending' AND o.next_attempt_ms <= @now
        AND (o.lease_until_ms IS NULL OR o.lease_until_ms <= @now)
        AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.state = 'pending' AND e.lane = o.lane AND e.seq < o.seq)
      ORDER BY o.seq LIMIT @limit`),
    lease: prepareNamed<{ id: string; owner: string; now: number; until: string; until_ms: number }>(db, `
      UPDATE outbox SET lease_owner = @owner, lease_until = @until, lease_until_ms = @until_ms
      WHERE id = @id AND state = 'pending' AND (lease_until_ms IS NULL OR lease_until_ms <= @now)
      RETURNING *`),
    complete: prepareNamed<Held & { activity_id: string; conversation_id: string }>(db, `
      UPDATE outbox SET state = 'delivered', attempts = attempts + 1, ${FREE_LEASE},
        delivered_activity_id = @activity_id, delivered_conversation_id = @conversation_id
      WHERE ${HELD}`),
    reschedule: prepareNamed<Held & { at: string; at_ms: number; last_error: string; install_attempted: 0 | 1 }>(db, `
      UPDATE outbox SET attempts = attempts + 1, ${FREE_LEASE},
        next_attempt_at = @at, next_attempt_ms = @at_ms, last_error = @last_error,
        app_install_attempted = max(app_install_attempted, @install_attempted)
      WHERE ${HELD}`),
    release: prepareNamed<Held & { at: string; at_ms: number }>(db, `
      UPDATE outbox SET ${FREE_LEASE}, next_attempt_at = @at, next_attempt_ms = @at_ms
      WHERE ${HELD}`),
    fail: prepareNamed<Held & { reason: string; last_error: string }>(db, `
      UPDATE outbox SET state = 'failed', attempts = attempts + 1, ${FREE_LEASE},
        failure_reason = @reason, last_error = @last_error
      WHERE ${HELD}`),
    byEventKey: db.prepare('SELECT * FROM outbox WHERE event_key = ?'),
    countByState: db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state'),
    // Through the partial index outbox_delivered_by_created: reads only what it deletes.
    pruneDelivered: prepareNamed<{ before: number; limit: number }>(
      db,
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE state = 'delivered' AND created_ms < @before LIMIT @limit)`,
    ),
  };
}

const leaseOutcome = (result: StatementResultingChanges): LeaseOutcome => (result.changes === 1 ? 'recorded' : 'leaseLost');

/** OutboxStore over one node:sqlite connection; async only because the port is. */
export function sqliteOutboxStore(db: Database): OutboxStore {
  const sql = prepare(db);

  // IMMEDIATE: the lane-head read and the lease writes happen under one write lock, so two
  // connections (or processes) claiming at once cannot both lease the same message.
  const claim = (owner: string, now: Date, leaseMs: number, limit: number): OutboxMessage[] =>
    immediate(db, () => {
      const until = instant(new Date(now.getTime() + leaseMs));
      const ids = sql.dueHeads.all({ now: now.getTime(), limit }).map((row) => IdRow.parse(row).id);
      const claimed: OutboxMessage[] = [];
      for (const id of ids) {
        const row = sql.lease.get({ id, owner, now: now.getTime(), until: until.iso, until_ms: until.ms });
        if (row !== undefined) claimed.push(toOutboxMessage(row));
      }
      return claimed;
    });

  return {
    async enqueueMessage(message: NewOutboxMessage) {
      return sql.insert.run(toInsertParams(message)).changes === 1 ? 'enqueued' : 'duplicate';
    },
    async claimDueMessages(owner: string, now: Date, leaseMs: number, limit: number) {
      return claim(owner, now, leaseMs, limit);
    },
    async completeMessage(id: string, owner: string, delivered: DeliveredActivity) {
      // Durable: a "delivered" lost to a power cut would post the same message again.
      return leaseOutcome(
        durably(db, () => sql.complete.run({ id, owner, activity_id: delivered.activityId, conversation_id: delivered.conversationId })),
      );
    },
    async rescheduleMessage(id: string, owner: string, retry: OutboxRetry) {
      const at = instant(retry.nextAttemptAt);
      const install_attempted = retry.appInstallAttempted === true ? 1 : 0;
      return leaseOutcome(sql.reschedule.run({ id, owner, at: at.iso, at_ms: at.ms, last_error: retry.lastError, install_attempted }));
    },
    async releaseMessage(id: string, owner: string, notBefore: Date) {
      const at = instant(notBefore);
      return leaseOutcome(sql.release.run({ id, owner, at: at.iso, at_ms: at.ms }));
    },
    async failMessage(id: string, owner: string, failure: OutboxFailure) {
      return leaseOutcome(sql.fail.run({ id, owner, reason: failure.reason, last_error: failure.lastError }));
    },
    async outboxMessage(eventKey: string) {
      const row = sql.byEventKey.get(eventKey);
      return row === undefined ? undefined : toOutboxMessage(row);
    },
    async pruneDeliveredMessages(createdBefore: Date, limit: number) {
      return Number(sql.pruneDelivered.run({ before: createdBefore.getTime(), limit }).changes);
    },
    async outboxDepth() {
      const depth: OutboxDepth = { pending: 0, delivered: 0, failed: 0 };
      for (const row of sql.countByState.all()) {
        const { state, n } = CountRow.parse(row);
        depth[state] = n;
      }
      return depth;
    },
  };
}
