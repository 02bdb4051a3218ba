import { z } from 'zod';
import type { Clock, InsertOutcome, InsertRules, RequestStore } from '../../reset/ports';
import { canMove, isOpen, OPEN_STATES, type AuditEntry, type RequestPatch, type RequestState, type ResetRequest } from '../../reset/request';
import { epochMs } from '../timestamps';
import { durably, immediate, prepareNamed, type Database } from './connection';
import { applyPatch, AuditRow, PATCH_COLUMNS, RequestRow, toAuditEntry, toAuditRow, toRequest, toRequestRow, type PatchColumns } from './request-rows';

/** Decides the state after a compare-and-set from the stored one; undefined refuses the move. */
type NextState = (from: RequestState) => RequestState | undefined;

type CasParams = PatchColumns & { id: string; expected_version: number; from_state: RequestState; state: RequestState; updated_at: string };

const CountRow = z.object({ n: z.number().int() });

/**
 * The open states written into the SQL (our own constants, never input): the question "this
 * device's open request" then matches the partial unique index requests_one_open_per_device
 * exactly — at most one row, no json_each, no sort (EXPLAIN QUERY PLAN) — and it is asked on
 * every "reset my PIN" turn.
 */
const OPEN_SQL = `(${OPEN_STATES.map((state) => `'${state}'`).join(', ')})`;

const COLUMNS = Object.keys(RequestRow.shape);

// A list of states is bound as one JSON array and expanded with json_each, so each query is a
// single prepared statement whatever the number of states (SQLite still uses the index for IN).
const IN_STATES = 'state IN (SELECT value FROM json_each(?))';

function prepare(db: Database) {
  return {
    insert: prepareNamed<RequestRow>(db, `INSERT INTO requests (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`),
    byId: db.prepare('SELECT * FROM requests WHERE id = ?'),
    // The compare-and-set itself: matches only the version and state read in the same transaction.
    compareAndSet: prepareNamed<CasParams>(db, `
      UPDATE requests SET
        state = @state, version = version + 1, updated_at = @updated_at,
        ${PATCH_COLUMNS.map((c) => `${c} = @${c}`).join(', ')}
      WHERE id = @id AND version = @expected_version AND state = @from_state
      RETURNING *`),
    ofRequester: db.prepare(
      `SELECT * FROM requests WHERE requester_id = ? AND ${IN_STATES} ORDER BY created_ms DESC, rowid DESC`,
    ),
    ofDevice: db.prepare(`SELECT * FROM requests WHERE device_id = ? AND state IN ${OPEN_SQL} ORDER BY created_ms DESC, rowid DESC LIMIT 1`),
    inStates: db.prepare(`SELECT * FROM requests WHERE ${IN_STATES} ORDER BY created_ms, rowid`),
    // The WHERE is the partial index requests_showing_passcode's own, so SQLite reads only its rows.
    showingPasscode: db.prepare(`SELECT * FROM requests WHERE state = 'succeeded' AND hide_passcode_at IS NOT NULL ORDER BY created_ms, rowid`),
    countSince: db.prepare('SELECT count(*) AS n FROM requests WHERE requester_id = ? AND created_ms >= ?'),
    appendAudit: prepareNamed<AuditRow>(db, 'INSERT INTO audit (request_id, at, actor, event, detail) VALUES (@request_id, @at, @actor, @event, @detail)'),
    auditOf: db.prepare('SELECT request_id, at, actor, event, detail FROM audit WHERE request_id = ? ORDER BY id'),
  };
}

function parseRequest(row: unknown): ResetRequest {
  return toRequest(RequestRow.parse(row));
}

/**
 * RequestStore over one node:sqlite connection. The calls are synchronous underneath; the
 * async signatures are the port's, so an implementation over the network can keep them.
 */
export function sqliteRequestStore(db: Database, clock: Clock): RequestStore {
  const sql = prepare(db);

  // IMMEDIATE takes the write lock before the read: with a deferred transaction two processes
  // could both read version N, and the second one's lock upgrade would fail with SQLITE_BUSY
  // instead of waiting and then finding the version moved.
  const compareAndSet = (id: string, expectedVersion: number, next: NextState, patch: RequestPatch) =>
    immediate(db, () => {
      const stored = sql.byId.get(id);
      if (stored === undefined) return undefined;
      const current = RequestRow.parse(stored);
      if (current.version !== expectedVersion) return undefined;
      const to = next(current.state);
      if (to === undefined) return undefined;
      const updated = sql.compareAndSet.get({
        id,
        expected_version: expectedVersion,
        from_state: current.state,
        state: to,
        updated_at: clock.now().toISOString(),
        ...applyPatch(current, patch),
      });
      return updated === undefined ? undefined : parseRequest(updated);
    });

  // One write lock around the checks and the insert: a second process's insert waits for this
  // one's commit and then sees its request. The partial unique index requests_one_open_per_device
  // (schema V4) would refuse a second open request even if this check were ever skipped.
  const insertChecked = (request: ResetRequest, rules: InsertRules): InsertOutcome =>
    immediate(db, () => {
      if (isOpen(request.state)) {
        const open = sql.ofDevice.get(request.device.deviceId);
        if (open !== undefined) return { kind: 'deviceHasOpenRequest', existing: parseRequest(open) };
      }
      const limit = rules.dailyLimit;
      if (limit !== undefined && CountRow.parse(sql.countSince.get(request.requesterId, epochMs(limit.sinceIso))).n >= limit.max) {
        return { kind: 'dailyLimitReached' };
      }
      sql.insert.run(toRequestRow(request));
      return { kind: 'inserted' };
    });

  return {
    async insertRequest(request: ResetRequest, rules: InsertRules = {}): Promise<InsertOutcome> {
      return insertChecked(request, rules);
    },
    async getRequest(id: string): Promise<ResetRequest | undefined> {
      const row = sql.byId.get(id);
      return row === undefined ? undefined : parseRequest(row);
    },
    async transition(id: string, expectedVersion: number, to: RequestState, patch: RequestPatch = {}) {
      const move = () => compareAndSet(id, expectedVersion, (from) => (canMove(from, to) ? to : undefined), patch);
      // "executing" is committed right before the Intune action is sent: it must outlive a power cut.
      return to === 'executing' ? durably(db, move) : move();
    },
    async patch(id: string, expectedVersion: number, patch: RequestPatch) {
      return compareAndSet(id, expectedVersion, (from) => from, patch);
    },
    async requestsOf(requesterId: string, states: readonly RequestState[]): Promise<ResetRequest[]> {
      return sql.ofRequester.all(requesterId, JSON.stringify(states)).map(parseRequest);
    },
    async openRequestForDevice(deviceId: string): Promise<ResetRequest | undefined> {
      const row = sql.ofDevice.get(deviceId);
      return row === undefined ? undefined : parseRequest(row);
    },
    async requestsInStates(states: readonly RequestState[]): Promise<ResetRequest[]> {
      return sql.inStates.all(JSON.stringify(states)).map(parseRequest);
    },
    async succeededWithPasscodeShown(): Promise<ResetRequest[]> {
      return sql.showingPasscode.all().map(parseRequest);
    },
    async countRequestsSince(requesterId: string, sinceIso: string): Promise<number> {
      return CountRow.parse(sql.countSince.get(requesterId, epochMs(sinceIso))).n;
    },
    async appendAudit(entry: AuditEntry): Promise<void> {
      sql.appendAudit.run(toAuditRow(entry));
    },
    async auditOf(requestId: string): Promise<AuditEntry[]> {
      return sql.auditOf.all(requestId).map((row) => toAuditEntry(AuditRow.parse(row)));
    },
  };
}
