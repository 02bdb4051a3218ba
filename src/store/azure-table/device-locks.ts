// "One open request per device" on Table Storage. A request's entity lives in its requester's
// partition and a device can change hands, so no entity group transaction can hold both the
// request and a per-device guard. The rule is kept by an ordered protocol instead, around a lock
// entity in `requestindex`:
//
//   PartitionKey "lock|<device id>", RowKey "device"  → { requestId, requesterId } of the open request
//
// 1. An insert creates the lock (409 if there is one) BEFORE it creates its request, and deletes it
//    again when it is refused (daily limit, duplicate id). Creating is the atomic step: of several
//    racing inserts for one device exactly one gets the lock; the others read it and answer with
//    the holder's request (waiting a moment while the holder's insert is still in flight).
// 2. A transition out of the open states deletes the lock after its compare-and-set, with If-Match
//    on the lock it read and only when the lock names that request.
// Failure cases, each safe:
// - A crash between 1's lock and request, or a failed delete in 2, leaves a lock whose request is
//   missing or no longer open. The next insert takes it over with If-Match (one winner), after
//   waiting IN_FLIGHT_WAIT_MS for a missing request to appear.
// - An insert slower than that wait can find, after creating its request, that its lock was taken
//   over: it cancels its own request (never shown to anyone: the insert has not returned) and
//   answers with the new holder's, so two open requests never both reach a user.
// - Files written before the lock existed have open requests without one: after taking the lock an
//   insert still asks the device index (a superset of the open requests) and yields to one it finds.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Logger } from '../../log';
import { isOpen, type ResetRequest } from '../../reset/request';
import { ALREADY_EXISTS, entity, ETAG_MISMATCH, NOT_FOUND, readEntity, refusedWith } from './entities';
import { joinKey } from './keys';

const ROW = 'device';
/** How long an insert waits for the request of a lock it found to appear before calling the lock stale. */
export const IN_FLIGHT_WAIT_MS = 5_000;
const POLL_MS = 40;

const LockEntity = z.object({ requestId: z.string(), requesterId: z.string(), etag: z.string() });
type Lock = z.infer<typeof LockEntity>;

const lockPartition = (deviceId: string): string => joinKey('lock', deviceId);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type LockOutcome = { kind: 'acquired' } | { kind: 'held'; existing: ResetRequest };

/**
 * Times how long one lock's request has been missing. The clock restarts when the lock names
 * another request: a lock just taken over is a fresh insert in flight, not a stale one.
 */
class MissingSince {
  private current: { requestId: string; since: number } | undefined;

  stillWaiting(requestId: string): boolean {
    if (this.current?.requestId !== requestId) this.current = { requestId, since: Date.now() };
    return Date.now() - this.current.since < IN_FLIGHT_WAIT_MS;
  }
}

export interface LockDeps {
  index: () => Promise<TableClient>;
  /** Point read of a request by its requester and id. */
  read: (requesterId: string, id: string) => Promise<ResetRequest | undefined>;
  /** The device's newest open request per the device index (for requests stored before locks existed). */
  openByIndex: (deviceId: string) => Promise<ResetRequest | undefined>;
  log?: Pick<Logger, 'warn'>;
}

export class DeviceLocks {
  constructor(private readonly deps: LockDeps) {}

  /** Step 1: the lock for `request`'s device, or the device's open request when someone else has it. */
  async acquire(request: ResetRequest): Promise<LockOutcome> {
    const client = await this.deps.index();
    const deviceId = request.device.deviceId;
    const mine = entity(lockPartition(deviceId), ROW, { requestId: request.id, requesterId: request.requesterId });
    const missing = new MissingSince();
    for (;;) {
      if (await refusedWith([ALREADY_EXISTS], () => client.createEntity(mine))) return this.yieldToUnlocked(request);
      const lock = await this.readLock(deviceId);
      if (lock === undefined) continue; // released meanwhile: try to create it again
      const holder = await this.deps.read(lock.requesterId, lock.requestId);
      if (holder !== undefined && isOpen(holder.state)) return { kind: 'held', existing: holder };
      if (holder === undefined && missing.stillWaiting(lock.requestId)) {
        await pause(POLL_MS);
        continue;
      }
      // Stale: its request ended (a lost delete) or never came (a crashed insert). One taker wins.
      if (await refusedWith([ETAG_MISMATCH, NOT_FOUND], () => client.updateEntity(mine, 'Replace', { etag: lock.etag }))) {
        return this.yieldToUnlocked(request);
      }
    }
  }

  /**
   * After the request was created: whether the lock names it. It does unless a slow insert's lock
   * was taken over as stale; when the taker yielded to this request and let go, it is taken back.
   */
  async confirmHeld(request: ResetRequest): Promise<boolean> {
    const lock = await this.readLock(request.device.deviceId);
    if (lock !== undefined) return lock.requestId === request.id;
    const mine = entity(lockPartition(request.device.deviceId), ROW, { requestId: request.id, requesterId: request.requesterId });
    return refusedWith([ALREADY_EXISTS], async () => (await this.deps.index()).createEntity(mine));
  }

  /** The open request the device's lock names now, waiting briefly for one in flight; undefined when there is none. */
  async currentHolder(deviceId: string): Promise<ResetRequest | undefined> {
    const missing = new MissingSince();
    for (;;) {
      const lock = await this.readLock(deviceId);
      if (lock === undefined) return undefined;
      const holder = await this.deps.read(lock.requesterId, lock.requestId);
      if (holder !== undefined) return isOpen(holder.state) ? holder : undefined;
      if (!missing.stillWaiting(lock.requestId)) return undefined;
      await pause(POLL_MS);
    }
  }

  /**
   * Step 2, and the undo of step 1: deletes the device's lock if it names `request`. Best effort —
   * a lock left behind is taken over by the next insert once its request is seen to be closed.
   */
  async release(request: ResetRequest): Promise<void> {
    try {
      const lock = await this.readLock(request.device.deviceId);
      if (lock === undefined || lock.requestId !== request.id) return;
      const client = await this.deps.index();
      await refusedWith([ETAG_MISMATCH, NOT_FOUND], () => client.deleteEntity(lockPartition(request.device.deviceId), ROW, { etag: lock.etag }));
    } catch (error) {
      this.deps.log?.warn('store: device lock left for the next request of the device to take over', { requestId: request.id, error });
    }
  }

  /** A lock just taken may still face an open request stored before locks existed. */
  private async yieldToUnlocked(request: ResetRequest): Promise<LockOutcome> {
    const unlocked = await this.deps.openByIndex(request.device.deviceId);
    if (unlocked === undefined || unlocked.id === request.id) return { kind: 'acquired' };
    await this.release(request);
    return { kind: 'held', existing: unlocked };
  }

  private async readLock(deviceId: string): Promise<Lock | undefined> {
    const stored = await readEntity(await this.deps.index(), lockPartition(deviceId), ROW);
    return stored === undefined ? undefined : LockEntity.parse(stored);
  }
}
