// RequestStore over Table Storage. The request entity lives in `requests` under
// PartitionKey = requester (their requests and their daily count are one-partition queries) and
// RowKey = request id; `requestindex` answers by id, by state and by device (see request-index.ts).
//
// Compare-and-set: read the entity with its ETag, check version and canMove, then Replace with
// If-Match on that ETag. Table Storage refuses the write with 412 when anyone wrote the entity in
// between, in this process or another instance — so of several calls with one version, at most
// one succeeds. A 412 means re-read and decide again: the version has then moved and the answer is
// undefined, as the contract says.
import { odata, type TableClient } from '@azure/data-tables';
import type { Logger } from '../../log';
import type { Clock, InsertOutcome, InsertRules, RequestStore } from '../../reset/ports';
import { canMove, isOpen, type RequestPatch, type RequestState, type ResetRequest } from '../../reset/request';
import { StoreWriteError } from '../errors';
import { patchedRequest } from '../request-patch';
import { epochMs } from '../timestamps';
import { AuditLog } from './audit-log';
import { ETAG_MISMATCH, mapLimit, query, readEntity, refusedWith } from './entities';
import { DeviceLocks } from './device-locks';
import { insertUnderLimit } from './counted-insert';
import { joinKey, sortableMs } from './keys';
import { requestKeys, toRequestEntity, toStoredRequest, type StoredRequest } from './request-entities';
import { canReach, RequestIndex, type IndexHit } from './request-index';
import type { Tables } from './tables';

/** Decides the state after a compare-and-set from the stored one; undefined refuses the move. */
type NextState = (from: RequestState) => RequestState | undefined;

/** A 412 while the version stays put would mean a writer that does not bump it: a bug, not a race. */
const MAX_CAS_ROUNDS = 3;
/** The requester's counter entity in `requests` (counted-insert.ts); the name it has always had. */
const COUNTER_ROW = 'counter|inserts';
/** Verification reads after an index query run this many at a time. */
const READ_FAN_OUT = 16;

const byCreated = (a: ResetRequest, b: ResetRequest): number => epochMs(a.createdAt) - epochMs(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function azureRequestStore(tables: Tables, clock: Clock, log?: Pick<Logger, 'warn'>): RequestStore {
  const requests = (): Promise<TableClient> => tables.table('requests');
  const index = new RequestIndex(() => tables.table('requestIndex'), log);
  const audit = new AuditLog(() => tables.table('audit'), (id) => index.requesterOf(id));
  const locks = new DeviceLocks({
    index: () => tables.table('requestIndex'),
    read: async (requesterId, id) => (await read(requesterId, id))?.request,
    openByIndex: (deviceId) => openByIndex(deviceId),
    log,
  });

  async function read(requesterId: string, id: string): Promise<StoredRequest | undefined> {
    const { partitionKey, rowKey } = requestKeys(requesterId, id);
    const stored = await readEntity(await requests(), partitionKey, rowKey);
    return stored === undefined ? undefined : toStoredRequest(stored);
  }

  async function readById(id: string): Promise<StoredRequest | undefined> {
    const requesterId = await index.requesterOf(id);
    return requesterId === undefined ? undefined : read(requesterId, id);
  }

  async function compareAndSet(id: string, expectedVersion: number, next: NextState, patch: RequestPatch): Promise<ResetRequest | undefined> {
    for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
      const stored = await readById(id);
      if (stored === undefined || stored.request.version !== expectedVersion) return undefined;
      const from = stored.request.state;
      const to = next(from);
      if (to === undefined) return undefined;
      const updated = { ...patchedRequest(stored.request, patch), state: to, version: expectedVersion + 1, updatedAt: clock.now().toISOString() };
      const entity = toRequestEntity(updated);
      if (to !== from) await index.beforeMove(updated, to);
      if (updated.hidePasscodeAt !== null && stored.request.hidePasscodeAt === null) await index.beforePasscodeShown(updated);
      if (!(await refusedWith([ETAG_MISMATCH], async () => (await requests()).updateEntity(entity, 'Replace', { etag: stored.etag })))) continue;
      if (to !== from) await index.afterMove(updated, from, to);
      if (isOpen(from) && !isOpen(to)) await locks.release(updated);
      if (updated.hidePasscodeAt === null && stored.request.hidePasscodeAt !== null) await index.afterPasscodeHidden(updated);
      return updated;
    }
    throw new StoreWriteError('tooManyConflicts', `request ${id} kept changing while its version stayed ${expectedVersion}`);
  }

  /**
   * Re-reads the requests index entries point at and keeps those for which `holds`; deletes an
   * entry when `dead` says it can never be true again. A missing request is skipped but its entry
   * kept: entries are written first, so it may be an insert still in flight.
   */
  async function verify<H extends IndexHit>(hits: readonly H[], holds: (r: ResetRequest) => boolean, dead: (r: ResetRequest, hit: H) => boolean) {
    const found = await mapLimit(hits, READ_FAN_OUT, async (hit) => ({ hit, stored: await read(hit.requesterId, hit.requestId) }));
    const valid = new Map<string, ResetRequest>();
    for (const { hit, stored } of found) {
      if (stored === undefined) continue;
      if (holds(stored.request)) valid.set(stored.request.id, stored.request);
      else if (dead(stored.request, hit)) await index.forget(hit);
    }
    return [...valid.values()];
  }

  async function openByIndex(deviceId: string): Promise<ResetRequest | undefined> {
    // Newest entry first and one read at a time: the first entry is nearly always the answer.
    for (const hit of await index.hitsForDevice(deviceId)) {
      const [open] = await verify([hit], (request) => isOpen(request.state), (request) => !isOpen(request.state));
      if (open !== undefined) return open;
    }
    return undefined;
  }

  async function countSince(requesterId: string, sinceIso: string): Promise<number> {
    const since = sortableMs(Math.max(0, epochMs(sinceIso)));
    const filter = odata`PartitionKey eq ${joinKey(requesterId)} and createdKey ge ${since}`;
    return (await query(await requests(), filter, ['createdKey'])).length;
  }

  /** The request entity, created with the requester's counter (daily limit checked) once its id and index entries stand. */
  async function createIndexed(request: ResetRequest, rules: InsertRules): Promise<'inserted' | 'dailyLimitReached'> {
    await index.claimId(request);
    await index.beforeInsert(request);
    const partition = { client: requests, partitionKey: joinKey(request.requesterId), counterRow: COUNTER_ROW, countSince: (sinceIso: string) => countSince(request.requesterId, sinceIso) };
    const created = await insertUnderLimit(partition, toRequestEntity(request), rules.dailyLimit);
    if (created.kind === 'inserted') return 'inserted';
    await index.abandon(request);
    return 'dailyLimitReached';
  }

  /** A slow insert whose device lock was taken over: its request was never shown, so it ends here. */
  async function yieldAfterTakeover(request: ResetRequest): Promise<InsertOutcome> {
    await compareAndSet(request.id, request.version, (from) => (canMove(from, 'cancelled') ? 'cancelled' : canMove(from, 'failed') ? 'failed' : undefined), {});
    const holder = await locks.currentHolder(request.device.deviceId);
    if (holder === undefined) throw new StoreWriteError('tooManyConflicts', `the device lock of request ${request.id} changed hands while it was inserted`);
    return { kind: 'deviceHasOpenRequest', existing: holder };
  }

  return {
    // The protocol and its failure cases are explained in device-locks.ts and counted-insert.ts.
    async insertRequest(request: ResetRequest, rules: InsertRules = {}): Promise<InsertOutcome> {
      const locked = isOpen(request.state);
      if (locked) {
        const lock = await locks.acquire(request);
        if (lock.kind === 'held') return { kind: 'deviceHasOpenRequest', existing: lock.existing };
      }
      let created: 'inserted' | 'dailyLimitReached';
      try {
        created = await createIndexed(request, rules);
      } catch (error) {
        // Even if the request was created after all (a lost answer), the next insert finds it through the device index.
        if (locked) await locks.release(request);
        throw error;
      }
      if (created === 'dailyLimitReached') {
        if (locked) await locks.release(request);
        return { kind: 'dailyLimitReached' };
      }
      if (locked && !(await locks.confirmHeld(request))) return yieldAfterTakeover(request);
      return { kind: 'inserted' };
    },
    async getRequest(id: string): Promise<ResetRequest | undefined> {
      return (await readById(id))?.request;
    },
    async transition(id: string, expectedVersion: number, to: RequestState, patch: RequestPatch = {}) {
      return compareAndSet(id, expectedVersion, (from) => (canMove(from, to) ? to : undefined), patch);
    },
    async patch(id: string, expectedVersion: number, patch: RequestPatch) {
      return compareAndSet(id, expectedVersion, (from) => from, patch);
    },
    async requestsOf(requesterId: string, states: readonly RequestState[]): Promise<ResetRequest[]> {
      if (states.length === 0) return [];
      const inStates = states.map((state) => odata`state eq ${state}`).join(' or ');
      const found = await query(await requests(), `${odata`PartitionKey eq ${joinKey(requesterId)}`} and (${inStates})`);
      return found.map((stored) => toStoredRequest(stored).request).sort((a, b) => byCreated(b, a));
    },
    openRequestForDevice: (deviceId: string) => openByIndex(deviceId),
    async requestsInStates(states: readonly RequestState[]): Promise<ResetRequest[]> {
      const hits = (await Promise.all([...new Set(states)].map((state) => index.hitsInState(state)))).flat();
      const found = await verify(hits, (request) => states.includes(request.state), (request, hit) => !canReach(request.state, hit.state));
      return found.sort(byCreated);
    },
    async succeededWithPasscodeShown(): Promise<ResetRequest[]> {
      // A passcode is recorded only by the move to succeeded and only ever cleared after it, so an
      // entry whose request has ended without one can never come true again.
      const shown = (request: ResetRequest): boolean => request.state === 'succeeded' && request.hidePasscodeAt !== null;
      const found = await verify(await index.hitsShowingPasscode(), shown, (request) => !isOpen(request.state) && request.hidePasscodeAt === null);
      return found.sort(byCreated);
    },
    countRequestsSince: (requesterId: string, sinceIso: string) => countSince(requesterId, sinceIso),
    appendAudit: (entry) => audit.append(entry),
    auditOf: (requestId) => audit.entriesOf(requestId),
  };
}
