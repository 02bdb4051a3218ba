/**
 * The store: where requests, their audit trail and conversation references live.
 *
 * Contract every Store implementation keeps (SQLite and Azure Table Storage — the ports carry no
 * SQL, and test/store/contract runs the same tests against both):
 *
 * 1. Compare-and-set. `transition(id, v, to, patch)` succeeds only when the stored request has
 *    version `v` and `canMove(storedState, to)`; `patch(id, v, patch)` only when the version is
 *    `v`. Success changes atomically: state (transition only), version → v + 1, updatedAt → the
 *    store's clock, and each patch field that is not `undefined` (`null` clears). Otherwise —
 *    version moved, move not allowed, unknown id — it returns undefined and changes nothing.
 *    A refusal is a value, not an error: the caller re-reads and decides.
 * 2. Across connections, processes and bot instances, of several calls made with the same
 *    version at most one succeeds. This is what keeps two clicks, two approvers or two instances
 *    from sending two Graph actions. (SQLite: BEGIN IMMEDIATE + `UPDATE … WHERE version = ?`;
 *    Azure Table: `version` is a property and the write is a Replace with If-Match on the read ETag.)
 * 3. `insertRequest` stores the request as given (its version and timestamps included); a
 *    duplicate id is a bug and rejects. A device has at most one open request and the daily limit
 *    (`rules.dailyLimit`) holds: both are checked in the same atomic step as the insert, across
 *    processes and instances, and a refusal is a value (`deviceHasOpenRequest` with the existing
 *    request, or `dailyLimitReached`), not an error. (SQLite: BEGIN IMMEDIATE and a partial unique
 *    index; Azure Table: a device lock entity and the requester's counter entity — see there.)
 * 4. Values round-trip exactly (timestamps are not reformatted). Time comparisons and ordering use
 *    the instant, not the string: `countRequestsSince` counts createdAt ≥ since;
 *    `requestsOf` and `openRequestForDevice` are newest first, `requestsInStates` oldest first.
 * 5. The audit trail is append-only and read back in append order; an entry refers to a stored
 *    request (both reject one that does not).
 * 6. Nothing secret is stored: no passcode, no token (`hidePasscodeAt` is only a time).
 * 7. Conversations: save is an upsert by conversationId; `personalConversationOf` is the newest
 *    (by updatedAt) personal conversation of that user; deleting an unknown id is not an error.
 * 8. Outbox (see OutboxStore in src/notify/ports.ts): enqueue is idempotent by eventKey; a claim
 *    leases each message to at most one owner, only the head of each lane and only when due; every
 *    later write is a compare-and-set on the lease holder. Payloads are never secret (rule 6).
 * 9. History stays out of the hot paths: `pruneDeliveredMessages` deletes old delivered messages
 *    (never pending or failed ones), and `succeededWithPasscodeShown` costs what is still shown,
 *    not every succeeded request ever stored.
 * 10. Recovery-key attempts (RecoveryKeyLedger in src/recovery-key/ports.ts): `claimRecoveryKeyAttempt`
 *    counts and inserts in one atomic step like rule 3's daily limit (the same counter entity code
 *    on Azure); a claim is settled once; `recoveryKeysStillShown` costs what is shown, not the history.
 */
import type { Logger } from '../log';
import type { ConversationStore, OutboxStore } from '../notify/ports';
import type { RecoveryKeyLedger } from '../recovery-key/ports';
import type { Clock, RequestStore, SettingsStore } from '../reset/ports';
import { openAzureTableStore, type AzureTableSettings } from './azure-table';
import { parseStoreSpec, type SqliteLocation } from './spec';
import { openDatabase } from './sqlite/connection';
import { sqliteConversationStore } from './sqlite/conversation-store';
import { sqliteOutboxStore } from './sqlite/outbox-store';
import { sqliteRecoveryKeyLedger } from './sqlite/recovery-key-ledger';
import { sqliteRequestStore } from './sqlite/request-store';
import { sqliteSettingsStore } from './sqlite/settings-store';

export { StoreConfigError, StoreWriteError, type StoreConfigReason, type StoreWriteReason } from './errors';
export { parseStoreSpec, type StoreLocation } from './spec';
export type { AzureTableSettings } from './azure-table';

export type Store = RequestStore &
  ConversationStore &
  OutboxStore &
  SettingsStore &
  RecoveryKeyLedger & {
    /** Resolves once the store is usable (Azure: the tables exist and the credential works); SQLite is at once. */
    ready(): Promise<void>;
    close(): void;
  };

export interface StoreOptions {
  /** Sets `updatedAt` on transitions; tests pass one they can move. */
  clock?: Clock;
  /** The account for `STORE=azure-table`, from the composition root's config (never read from the environment here). */
  azure?: AzureTableSettings;
  /** Told when a best-effort index clean-up failed; answers stay right, the entry is skipped and retried later. */
  log?: Pick<Logger, 'warn'>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Opens the store named by the `STORE` setting: `sqlite:<path>` (the folder is created when
 * missing, the file by SQLite), `sqlite::memory:`, or `azure-table` (tables are created on first
 * use; call `ready()` or use `openStoreAsync` to find a wrong account or role at start-up).
 * Throws StoreConfigError when the setting itself is wrong.
 */
export function openStore(spec: string, options: StoreOptions = {}): Store {
  const location = parseStoreSpec(spec);
  const clock = options.clock ?? systemClock;
  if (location.kind === 'azureTable') return openAzureTableStore(options.azure ?? {}, clock, options.log);
  return openSqliteStore(location, clock);
}

/** `openStore`, then `ready()`: fails at start-up, with StoreConfigError('cannotOpen'), when the account cannot be used. */
export async function openStoreAsync(spec: string, options: StoreOptions = {}): Promise<Store> {
  const store = openStore(spec, options);
  try {
    await store.ready();
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}

function openSqliteStore(location: SqliteLocation, clock: Clock): Store {
  const db = openDatabase(location);
  return {
    ...sqliteRequestStore(db, clock),
    ...sqliteConversationStore(db),
    ...sqliteOutboxStore(db),
    ...sqliteSettingsStore(db, clock),
    ...sqliteRecoveryKeyLedger(db, clock),
    ready: async () => undefined,
    // Idempotent, as a shutdown path may close twice; node:sqlite throws on a second close.
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
