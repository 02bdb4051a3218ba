// The SQLite schema as an ordered list of migrations. `PRAGMA user_version` records how many have
// run; a migration is never edited once released — a change is a new entry at the end.

/**
 * Requests keep the device snapshot as plain `device_*` columns rather than JSON: `device_id` must
 * be indexed for "the open request of this device", the snapshot is small and fixed, and columns
 * keep one typed row shape with no nested parsing. A new snapshot field is an ADD COLUMN migration.
 *
 * Timestamps are stored exactly as the domain gives them (ISO-8601 text, so they round-trip
 * unchanged) plus `created_ms` (epoch milliseconds) for ordering and "since" counts: ISO strings
 * only sort correctly when every writer formats them identically ("…00Z" sorts after "…00.500Z").
 *
 * No column holds a passcode or token: the temporary passcode is shown once and never stored;
 * `hide_passcode_at` is only the time its card must be redacted.
 */
const V1_REQUESTS = `
CREATE TABLE requests (
  id                  TEXT PRIMARY KEY,
  version             INTEGER NOT NULL,
  state               TEXT NOT NULL,
  tenant_id           TEXT NOT NULL,
  requester_id        TEXT NOT NULL,
  requester_name      TEXT NOT NULL,
  locale              TEXT NOT NULL,
  device_id           TEXT NOT NULL,
  device_name         TEXT NOT NULL,
  device_model        TEXT NOT NULL,
  device_os           TEXT NOT NULL,
  device_os_version   TEXT NOT NULL,
  device_owner_type   TEXT NOT NULL,
  device_last_sync_at TEXT NOT NULL,
  device_platform     TEXT NOT NULL,
  action              TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  created_ms          INTEGER NOT NULL,
  updated_at          TEXT NOT NULL,
  conversation_id     TEXT NOT NULL,
  card_activity_id    TEXT,
  action_sent_at      TEXT,
  next_check_at       TEXT,
  failure_reason      TEXT,
  hide_passcode_at    TEXT
) STRICT;
-- "my requests in these states" (newest first)
CREATE INDEX requests_by_requester_state ON requests (requester_id, state, created_ms);
-- "the open request for this device": few rows per device, the state filter runs on the index
CREATE INDEX requests_by_device_state ON requests (device_id, state, created_ms);
-- restart recovery: "everything still approved/executing"
CREATE INDEX requests_by_state ON requests (state, created_ms);
-- daily limit: "how many since <time> for this requester"
CREATE INDEX requests_by_requester_created ON requests (requester_id, created_ms);
`;

/**
 * The audit trail is evidence of who asked and who approved, so the database itself refuses to
 * change it: the triggers fire for every connection, including a hand-run sqlite3 shell.
 * AUTOINCREMENT keeps ids strictly increasing (never reused), which is the order `auditOf` returns.
 */
const V1_AUDIT = `
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id TEXT NOT NULL REFERENCES requests (id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  event      TEXT NOT NULL,
  detail     TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_request ON audit (request_id, id);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
`;

/** Conversation references for proactive messages; `updated_ms` orders "the newest chat with X". */
const V1_CONVERSATIONS = `
CREATE TABLE conversations (
  conversation_id    TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,
  tenant_id          TEXT NOT NULL,
  service_url        TEXT NOT NULL,
  user_aad_object_id TEXT,
  reference_json     TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  updated_ms         INTEGER NOT NULL
) STRICT;
CREATE INDEX conversations_by_user ON conversations (user_aad_object_id, kind, updated_ms);
`;

/**
 * The outbox of proactive Teams messages (src/notify). `seq` is the enqueue order — AUTOINCREMENT,
 * so it is never reused even once delivered rows are pruned — and a lane (one conversation) is
 * delivered strictly in `seq` order. Times the worker compares (`next_attempt_ms`, `lease_until_ms`)
 * are epoch milliseconds beside their ISO text, as in V1. The partial indexes cover only pending
 * rows, so the delivered history does not slow down claiming.
 *
 * `payload_json` is the activity body: never a passcode (see OutboxPayload).
 */
const V2_OUTBOX = `
CREATE TABLE outbox (
  seq                       INTEGER PRIMARY KEY AUTOINCREMENT,
  id                        TEXT NOT NULL UNIQUE,
  event_key                 TEXT NOT NULL UNIQUE,
  lane                      TEXT NOT NULL,
  operation_json            TEXT NOT NULL,
  payload_json              TEXT NOT NULL,
  state                     TEXT NOT NULL,
  attempts                  INTEGER NOT NULL,
  next_attempt_at           TEXT NOT NULL,
  next_attempt_ms           INTEGER NOT NULL,
  lease_owner               TEXT,
  lease_until               TEXT,
  lease_until_ms            INTEGER,
  app_install_attempted     INTEGER NOT NULL,
  delivered_activity_id     TEXT,
  delivered_conversation_id TEXT,
  failure_reason            TEXT,
  last_error                TEXT,
  created_at                TEXT NOT NULL
) STRICT;
-- "what is due now"
CREATE INDEX outbox_pending_due ON outbox (next_attempt_ms) WHERE state = 'pending';
-- "is an older message of this lane still pending"
CREATE INDEX outbox_pending_lane ON outbox (lane, seq) WHERE state = 'pending';
`;

/**
 * Approvals and manager notices: who decides, until when, who decided and why (free text from a
 * person, shown escaped), the manager found at confirmation, and the id of the separate message
 * that shows a temporary passcode (the id only — never the passcode). Plus small settings such as
 * the approval channel chosen in Teams.
 */
const V3_APPROVALS = `
ALTER TABLE requests ADD COLUMN passcode_activity_id TEXT;
ALTER TABLE requests ADD COLUMN approver TEXT;
ALTER TABLE requests ADD COLUMN expires_at TEXT;
ALTER TABLE requests ADD COLUMN decided_by TEXT;
ALTER TABLE requests ADD COLUMN decided_by_name TEXT;
ALTER TABLE requests ADD COLUMN decision_note TEXT;
ALTER TABLE requests ADD COLUMN manager_id TEXT;
ALTER TABLE requests ADD COLUMN manager_name TEXT;
ALTER TABLE requests ADD COLUMN manager_notice TEXT;
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;

const OPEN = `('awaiting_confirmation', 'awaiting_approval', 'approved', 'executing')`;
/** A newer open request of the same device than the row `requests` (newest: created_ms, then rowid). */
const NEWER_OPEN_EXISTS = `EXISTS (SELECT 1 FROM requests n WHERE n.device_id = requests.device_id AND n.state IN ${OPEN}
  AND (n.created_ms > requests.created_ms OR (n.created_ms = requests.created_ms AND n.rowid > requests.rowid)))`;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * One open request per device, kept by the database itself: a partial unique index over the open
 * states, so no writer (another process, a hand-run shell, a bug) can open a second one. Files
 * written before it may hold duplicates (two racing inserts both passed the old read-then-insert),
 * and the index cannot be built over them: every open request but the newest of its device ends
 * first — one still waiting for a click or a decision as `expired`, one approved or executing as
 * `failed` (actionNotConfirmed; the newest request follows the same device's action results) —
 * each with an audit entry saying why. All of these moves are ones the lifecycle allows.
 */
const V4_ONE_OPEN_PER_DEVICE = `
INSERT INTO audit (request_id, at, actor, event, detail)
  SELECT id, ${NOW}, 'system', CASE WHEN state IN ('approved', 'executing') THEN 'failed' ELSE 'expired' END,
    'a newer open request of the same device exists (store upgrade)'
  FROM requests WHERE state IN ${OPEN} AND ${NEWER_OPEN_EXISTS} ORDER BY created_ms, rowid;
UPDATE requests SET state = 'expired', version = version + 1, updated_at = ${NOW}
  WHERE state IN ('awaiting_confirmation', 'awaiting_approval') AND ${NEWER_OPEN_EXISTS};
UPDATE requests SET state = 'failed', failure_reason = 'actionNotConfirmed', version = version + 1, updated_at = ${NOW}
  WHERE state IN ('approved', 'executing') AND ${NEWER_OPEN_EXISTS};
CREATE UNIQUE INDEX requests_one_open_per_device ON requests (device_id) WHERE state IN ${OPEN};
`;

/**
 * Start-up and retention stay small however long the history grows (issue 15, item 9): delivered
 * outbox messages are pruned by enqueue time (`created_ms`, epoch milliseconds like the other
 * `_ms` columns; filled from `created_at` for rows written before it), and a restart reads only
 * the succeeded requests that still show a passcode. Both indexes are partial, so they hold the
 * few rows these questions ask for, not the history.
 */
const V5_RETENTION = `
ALTER TABLE outbox ADD COLUMN created_ms INTEGER;
UPDATE outbox SET created_ms = CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER);
CREATE INDEX outbox_delivered_by_created ON outbox (created_ms) WHERE state = 'delivered';
CREATE INDEX requests_showing_passcode ON requests (created_ms) WHERE state = 'succeeded' AND hide_passcode_at IS NOT NULL;
`;

/**
 * BitLocker recovery keys shown or refused (src/recovery-key): the audit of who saw a key of which
 * device, the per-user attempt limit, and when the message showing a key must be hidden. Never the
 * key. Evidence like `audit`: no delete, and only `hidden_at` may change, once.
 */
const V6_RECOVERY_KEYS = `
CREATE TABLE recovery_key_events (
  id               TEXT PRIMARY KEY,
  at               TEXT NOT NULL,
  at_ms            INTEGER NOT NULL,
  tenant_id        TEXT NOT NULL,
  requester_id     TEXT NOT NULL,
  managed_device_id TEXT NOT NULL,
  device_name      TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  key_id           TEXT,
  locale           TEXT NOT NULL,
  conversation_id  TEXT NOT NULL,
  message_id       TEXT,
  hide_at          TEXT,
  hidden_at        TEXT
) STRICT;
CREATE INDEX recovery_key_events_by_requester ON recovery_key_events (requester_id, at_ms);
CREATE INDEX recovery_key_events_still_shown ON recovery_key_events (hide_at) WHERE hide_at IS NOT NULL AND hidden_at IS NULL;
CREATE TRIGGER recovery_key_events_no_delete BEFORE DELETE ON recovery_key_events
BEGIN SELECT RAISE(ABORT, 'recovery key events are append-only'); END;
CREATE TRIGGER recovery_key_events_only_hidden_at BEFORE UPDATE ON recovery_key_events
WHEN OLD.hidden_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.requester_id IS NOT OLD.requester_id
  OR NEW.managed_device_id IS NOT OLD.managed_device_id OR NEW.outcome IS NOT OLD.outcome OR NEW.key_id IS NOT OLD.key_id
  OR NEW.message_id IS NOT OLD.message_id OR NEW.hide_at IS NOT OLD.hide_at
BEGIN SELECT RAISE(ABORT, 'recovery key events are append-only'); END;
`;

/**
 * The daily limit of recovery-key attempts held atomically (README "BitLocker recovery key"): an
 * attempt is claimed as `pending` in the same BEGIN IMMEDIATE transaction that counts the earlier
 * ones, BEFORE Intune or Entra is asked, and settled once when its outcome is known. So a pending
 * row may change once — its outcome, key id, device name and message — and every other row still
 * only gets `hidden_at`, once. Who, when and which device never change.
 */
const V7_RECOVERY_KEY_CLAIMS = `
DROP TRIGGER recovery_key_events_only_hidden_at;
CREATE TRIGGER recovery_key_events_settled_once BEFORE UPDATE ON recovery_key_events
WHEN OLD.hidden_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.at_ms IS NOT OLD.at_ms
  OR NEW.requester_id IS NOT OLD.requester_id OR NEW.managed_device_id IS NOT OLD.managed_device_id
  OR NEW.outcome = 'pending' AND OLD.outcome IS NOT 'pending'
  OR OLD.outcome IS NOT 'pending' AND (NEW.outcome IS NOT OLD.outcome OR NEW.key_id IS NOT OLD.key_id
    OR NEW.message_id IS NOT OLD.message_id OR NEW.hide_at IS NOT OLD.hide_at OR NEW.device_name IS NOT OLD.device_name)
BEGIN SELECT RAISE(ABORT, 'recovery key events are append-only'); END;
`;

export const MIGRATIONS: readonly string[] = [
  V1_REQUESTS + V1_AUDIT + V1_CONVERSATIONS,
  V2_OUTBOX,
  V3_APPROVALS,
  V4_ONE_OPEN_PER_DEVICE,
  V5_RETENTION,
  V6_RECOVERY_KEYS,
  V7_RECOVERY_KEY_CLAIMS,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
