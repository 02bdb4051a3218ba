import { z } from 'zod';
import type { Clock } from '../../reset/ports';
import type { RecoveryKeyEvent, RecoveryKeyLedger } from '../../recovery-key/ports';
import { epochMs } from '../timestamps';
import { prepareNamed, type Database } from './connection';

const OUTCOMES = ['shown', 'wrongKeyId', 'notAllowed'] as const;

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
  outcome: z.enum(OUTCOMES),
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

/** The recovery-key audit and attempt count in SQLite (table recovery_key_events, schema V6). */
export function sqliteRecoveryKeyLedger(db: Database, clock: Clock): RecoveryKeyLedger {
  const insert = prepareNamed<EventParams>(db, `INSERT INTO recovery_key_events
    (id, at, at_ms, tenant_id, requester_id, managed_device_id, device_name, outcome, key_id, locale, conversation_id, message_id, hide_at)
    VALUES (@id, @at, @at_ms, @tenant_id, @requester_id, @managed_device_id, @device_name, @outcome, @key_id, @locale, @conversation_id, @message_id, @hide_at)`);
  const countSince = db.prepare('SELECT count(*) AS n FROM recovery_key_events WHERE requester_id = ? AND at_ms >= ?');
  const ofRequester = db.prepare('SELECT * FROM recovery_key_events WHERE requester_id = ? ORDER BY at_ms, rowid');
  const stillShown = db.prepare('SELECT * FROM recovery_key_events WHERE hide_at IS NOT NULL AND hidden_at IS NULL ORDER BY hide_at');
  const hide = db.prepare('UPDATE recovery_key_events SET hidden_at = ? WHERE id = ? AND hidden_at IS NULL');
  return {
    async recordRecoveryKeyEvent(event: RecoveryKeyEvent): Promise<void> {
      insert.run({
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
      });
    },
    async countRecoveryKeyAttemptsSince(requesterId: string, sinceIso: string): Promise<number> {
      return CountRow.parse(countSince.get(requesterId, epochMs(sinceIso))).n;
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
