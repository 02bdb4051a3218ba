// Index entities of `requestindex`, for the questions the requests' own partition key
// (the requester) cannot answer cheaply:
//
//   PartitionKey "id|<request id>",        RowKey "request"             → requesterId (immutable)
//   PartitionKey "state|<state>",          RowKey "<created>|<id>"      → one per request in that state
//   PartitionKey "device|<device id>",     RowKey "<created>|<id>"      → one per open request of the device
//   PartitionKey "passcode|shown",         RowKey "<created>|<id>"      → one per request whose passcode is not hidden yet
//
// The same table holds the device locks (PartitionKey "lock|<device id>", device-locks.ts), which
// follow a protocol of their own rather than the superset rule below.
//
// An entity group transaction cannot span partitions, so these cannot change atomically with the
// request. They are kept a SUPERSET of the truth instead: an entry is written before the request
// write that makes it true (insert, or the compare-and-set of a transition) and deleted only after
// the write that makes it false. A crash or a lost race therefore leaves at most a stale entry,
// never a missing one, and every reader re-reads the request itself and keeps it only when it
// really is in the state asked for. Readers delete entries that can never become true again (the
// state machine has no cycles), so stale entries do not pile up.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Logger } from '../../log';
import { canMove, isOpen, type RequestState, type ResetRequest } from '../../reset/request';
import { REQUEST_STATES } from '../domain-values';
import { StoreWriteError } from '../errors';
import { epochMs } from '../timestamps';
import { ALREADY_EXISTS, entity, inPartition, NOT_FOUND, query, readEntity, refusedWith } from './entities';
import { joinKey, sortableMs } from './keys';

/** An index entry: which request, and where its entity lives. */
export interface IndexHit {
  partitionKey: string;
  rowKey: string;
  requestId: string;
  requesterId: string;
}

const HitEntity = z.object({ partitionKey: z.string(), rowKey: z.string(), requestId: z.string(), requesterId: z.string() });
const IdEntity = z.object({ requesterId: z.string() });

const ID_ROW = 'request';
const CACHED_IDS = 10_000;

const idPartition = (id: string): string => joinKey('id', id);
const statePartition = (state: RequestState): string => joinKey('state', state);
const devicePartition = (deviceId: string): string => joinKey('device', deviceId);
// Requests that succeeded before this partition existed are not in it: a passcode being shown
// across that one upgrade is hidden by its own timer, but not re-armed by a restart.
const SHOWN_PARTITION = joinKey('passcode', 'shown');
const entryRow = (request: ResetRequest): string => `${sortableMs(epochMs(request.createdAt))}|${joinKey(request.id)}`;

export class RequestIndex {
  // The requester of an id never changes, so remembering it is always right and saves a read.
  private readonly requesters = new Map<string, string>();

  constructor(
    private readonly index: () => Promise<TableClient>,
    private readonly log: Pick<Logger, 'warn'> | undefined,
  ) {}

  /** Claims the id before anything else is written: the create fails when the id exists. */
  async claimId(request: ResetRequest): Promise<void> {
    const index = await this.index();
    const claimed = await refusedWith([ALREADY_EXISTS], () =>
      index.createEntity(entity(idPartition(request.id), ID_ROW, { requesterId: request.requesterId })),
    );
    if (!claimed) throw new StoreWriteError('duplicateId', `a request with id ${request.id} is already stored`);
    this.remember(request.id, request.requesterId);
  }

  async requesterOf(id: string): Promise<string | undefined> {
    const known = this.requesters.get(id);
    if (known !== undefined) return known;
    const stored = await readEntity(await this.index(), idPartition(id), ID_ROW);
    if (stored === undefined) return undefined;
    const { requesterId } = IdEntity.parse(stored);
    this.remember(id, requesterId);
    return requesterId;
  }

  /** Before the request entity is created: its state entry, its device entry while it is open, its passcode entry while one is shown. */
  async beforeInsert(request: ResetRequest): Promise<void> {
    const writes = [this.upsert(statePartition(request.state), request)];
    if (isOpen(request.state)) writes.push(this.upsert(devicePartition(request.device.deviceId), request));
    if (request.hidePasscodeAt !== null) writes.push(this.upsert(SHOWN_PARTITION, request));
    await Promise.all(writes);
  }

  /** Undoes claimId and beforeInsert for an insert that was refused (its request was never created). */
  async abandon(request: ResetRequest): Promise<void> {
    const keys = [
      { partitionKey: statePartition(request.state), rowKey: entryRow(request) },
      { partitionKey: devicePartition(request.device.deviceId), rowKey: entryRow(request) },
      { partitionKey: SHOWN_PARTITION, rowKey: entryRow(request) },
      { partitionKey: idPartition(request.id), rowKey: ID_ROW },
    ];
    // The id claim goes last: while it stands, a retry with the same id is still refused.
    for (const key of keys) await this.forget(key);
    this.requesters.delete(request.id);
  }

  /** Before the compare-and-set that moves `request` into `to`; stays behind harmlessly if that loses. */
  async beforeMove(request: ResetRequest, to: RequestState): Promise<void> {
    await this.upsert(statePartition(to), request);
  }

  /** After a compare-and-set moved `request` from `from` to `to`: drops what is no longer true. */
  async afterMove(request: ResetRequest, from: RequestState, to: RequestState): Promise<void> {
    const stale = [{ partitionKey: statePartition(from), rowKey: entryRow(request) }];
    if (!isOpen(to)) stale.push({ partitionKey: devicePartition(request.device.deviceId), rowKey: entryRow(request) });
    await Promise.all(stale.map((key) => this.forget(key)));
  }

  /** Before a compare-and-set that records a shown passcode (the move to succeeded): the passcode entry. */
  async beforePasscodeShown(request: ResetRequest): Promise<void> {
    await this.upsert(SHOWN_PARTITION, request);
  }

  /** After a compare-and-set that cleared `hidePasscodeAt` (the passcode was hidden). */
  async afterPasscodeHidden(request: ResetRequest): Promise<void> {
    await this.forget({ partitionKey: SHOWN_PARTITION, rowKey: entryRow(request) });
  }

  async hitsShowingPasscode(): Promise<IndexHit[]> {
    return (await query(await this.index(), inPartition(SHOWN_PARTITION))).map((hit) => HitEntity.parse(hit));
  }

  /** Each hit carries the state whose partition it came from. */
  async hitsInState(state: RequestState): Promise<Array<IndexHit & { state: RequestState }>> {
    return (await query(await this.index(), inPartition(statePartition(state)))).map((hit) => ({ ...HitEntity.parse(hit), state }));
  }

  /** Newest first. */
  async hitsForDevice(deviceId: string): Promise<IndexHit[]> {
    const hits = (await query(await this.index(), inPartition(devicePartition(deviceId)))).map((hit) => HitEntity.parse(hit));
    return hits.sort((a, b) => (a.rowKey < b.rowKey ? 1 : a.rowKey > b.rowKey ? -1 : 0));
  }

  /**
   * Deletes an entry nobody needs. Best effort: the write that made it stale already happened,
   * and a reader that meets it again filters it out and tries once more.
   */
  async forget(key: { partitionKey: string; rowKey: string }): Promise<void> {
    try {
      await refusedWith([NOT_FOUND], async () => (await this.index()).deleteEntity(key.partitionKey, key.rowKey));
    } catch (error) {
      this.log?.warn('store: stale request index entry left for readers to skip', { partitionKey: key.partitionKey, error });
    }
  }

  /** Idempotent, so a retried or repeated write does no harm. */
  private async upsert(partitionKey: string, request: ResetRequest): Promise<void> {
    const properties = { requestId: request.id, requesterId: request.requesterId };
    await (await this.index()).upsertEntity(entity(partitionKey, entryRow(request), properties), 'Replace');
  }

  private remember(id: string, requesterId: string): void {
    if (this.requesters.size >= CACHED_IDS) this.requesters.delete(this.requesters.keys().next().value ?? id);
    this.requesters.set(id, requesterId);
  }
}

/** Whether a request now in `from` can still reach `target` (so its `target` entry may become true). */
export function canReach(from: RequestState, target: RequestState): boolean {
  const seen = new Set<RequestState>([from]);
  const queue: RequestState[] = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    if (state === target) return true;
    for (const next of REQUEST_STATES) {
      if (!seen.has(next) && canMove(state, next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}
