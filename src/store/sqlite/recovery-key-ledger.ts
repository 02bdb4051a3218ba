import { z } from 'zod';
import type { Clock } from '../../reset/ports';
import { COUNTED_OUTCOMES, RECOVERY_KEY_OUTCOMES, type AttemptClaim, type AttemptLimit, type RecoveryKeyEvent, type RecoveryKeyLedger } from '../../recovery-key/ports';
import { epochMs } from '../timestamps';
import { immediate, prepareNamed, type Database } from './connection';

// Our own constants, never input: written into the SQL so the count is one prepared statement.
const COUNTED_SQL = `(${COUNTED_OUTCOMES.map((outcome) => `'${outcome}'`).join(', ')})`;

const CountRow = z.object({ n: z.number().int() });

type EventParams = {
  id: string;
  at: string;
  at_ms: number;
  tenant_id: string;
  requester_id: string;
  managed_device_id: string;
  device_name: string;
  outcome: string;
  key_id: string | null;
  locale: string;
  conversation_id: string;
  message_id: string | null;
  hide_at: string | null;
};

const EventRow = z.object({
  id: z.string(),
  at: z.string(),
  tenant_id: z.string(),
  requester_id: z.string(),
  managed_device_id: z.string(),
  device_name: z.string(),
  outcome: z.enum(RECOVERY_KEY_OUTCOMES),
  key_id: z.string().nullable(),
  locale: z.string(),
  conversation_id: z.string(),
  message_id: z.string().nullable(),
  hide_at: z.string().nullable(),
});

function toEvent(row: unknown): RecoveryKeyEvent {
  const r = EventRow.parse(row);
  return {
    id: r.id,
    at: r.at,
    tenantId: r.tenant_id,
    requesterId: r.requester_id,
    managedDeviceId: r.managed_device_id,
    deviceName: r.device_name,
    outcome: r.outcome,
    keyId: r.key_id,
    locale: r.locale,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    hideAt: r.hide_at,
  };
}

type SettleParams = Pick<EventParams, 'id' | 'outcome' | 'key_id' | 'device_name' | 'message_id' | 'hide_at'>;

function toParams(event: RecoveryKeyEvent): EventParams {
  return {
    id: event.id,
    at: event.at,
    at_ms: epochMs(event.at),
    tenant_id: event.tenantId,
    requester_id: event.requesterId,
    managed_device_id: event.managedDeviceId,
    device_name: event.deviceName,
    outcome: event.outcome,
    key_id: event.keyId,
    locale: event.locale,
    conversation_id: event.conversationId,
    message_id: event.messageId,
    hide_at: event.hideAt,
  };
}

/** The recovery-key audit and attempt count in SQLite (table recovery_key_events, schema V6 and V7). */
export function sqliteRecoveryKeyLedger(db: Database, clock: Clock): RecoveryKeyLedger {
  const insert = prepareNamed<EventParams>(db, `INSERT INTO recovery_key_events
    (id, at, at_ms, tenant_id, requester_id, managed_device_id, device_name, outcome, key_id, locale, conversation_id, message_id, hide_at)
    VALUES (@id, @at, @at_ms, @tenant_id, @requester_id, @managed_device_id, @device_name, @outcome, @key_id, @locale, @conversation_id, @message_id, @hide_at)`);
  const countSince = db.prepare(`SELECT count(*) AS n FROM recovery_key_events WHERE requester_id = ? AND at_ms >= ? AND outcome IN ${COUNTED_SQL}`);
  const settle = prepareNamed<SettleParams>(db, `UPDATE recovery_key_events
    SET outcome = @outcome, key_id = @key_id, device_name = @device_name, message_id = @message_id, hide_at = @hide_at
    WHERE id = @id AND outcome = 'pending'`);
  const ofRequester = db.prepare('SELECT * FROM recovery_key_events WHERE requester_id = ? ORDER BY at_ms, rowid');
  const stillShown = db.prepare('SELECT * FROM recovery_key_events WHERE hide_at IS NOT NULL AND hidden_at IS NULL ORDER BY hide_at');
  const hide = db.prepare('UPDATE recovery_key_events SET hidden_at = ? WHERE id = ? AND hidden_at IS NULL');
  const counted = (requesterId: string, sinceIso: string): number => CountRow.parse(countSince.get(requesterId, epochMs(sinceIso))).n;
  return {
    // One write lock around the count and the insert: another process's claim waits for this
    // commit and then counts this attempt. node:sqlite is synchronous, so nothing in this process
    // runs in between either.
    async claimRecoveryKeyAttempt(attempt: RecoveryKeyEvent, limit: AttemptLimit): Promise<AttemptClaim> {
      return immediate(db, (): AttemptClaim => {
        const used = counted(attempt.requesterId, limit.sinceIso);
        if (used >= limit.max) return { kind: 'limitReached' };
        insert.run(toParams({ ...attempt, outcome: 'pending' }));
        return { kind: 'claimed', used: used + 1 };
      });
    },
    async settleRecoveryKeyAttempt(event: RecoveryKeyEvent): Promise<void> {
      settle.run({ id: event.id, outcome: event.outcome, key_id: event.keyId, device_name: event.deviceName, message_id: event.messageId, hide_at: event.hideAt });
    },
    async countRecoveryKeyAttemptsSince(requesterId: string, sinceIso: string): Promise<number> {
      return counted(requesterId, sinceIso);
    },
    async recoveryKeyEventsOf(requesterId: string): Promise<RecoveryKeyEvent[]> {
      return ofRequester.all(requesterId).map(toEvent);
    },
    async recoveryKeysStillShown(): Promise<RecoveryKeyEvent[]> {
      return stillShown.all().map(toEvent);
    },
    async markRecoveryKeyHidden(event: RecoveryKeyEvent): Promise<void> {
      hide.run(clock.now().toISOString(), event.id);
    },
  };
}
