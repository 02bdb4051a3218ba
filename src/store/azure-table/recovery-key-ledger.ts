// The recovery-key audit and attempt count in the `recoverykeys` table: PartitionKey = requester
// id ("how many attempts today" is one partition's key range), RowKey = time + event id. Rows are
// only created, except `hiddenAt` set once when the message showing a key is hidden. Never the key.
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../../reset/ports';
import type { RecoveryKeyEvent, RecoveryKeyLedger } from '../../recovery-key/ports';
import { epochMs } from '../timestamps';
import { entity, inPartition, query } from './entities';
import { joinKey, sortableMs } from './keys';
import type { Tables } from './tables';

const nullable = z.string().nullish().transform((v) => v ?? null);
const EventEntity = z.object({
  id: z.string(),
  at: z.string(),
  tenantId: z.string(),
  requesterId: z.string(),
  managedDeviceId: z.string(),
  deviceName: z.string(),
  outcome: z.enum(['shown', 'wrongKeyId', 'notAllowed']),
  keyId: nullable,
  locale: z.string(),
  conversationId: z.string(),
  messageId: nullable,
  hideAt: nullable,
});

const rowKeyOf = (event: Pick<RecoveryKeyEvent, 'at' | 'id'>): string => `${sortableMs(epochMs(event.at))}-${event.id}`;

export function azureRecoveryKeyLedger(tables: Tables, clock: Clock): RecoveryKeyLedger {
  const table = () => tables.table('recoveryKeys');
  const events = async (filter: string): Promise<RecoveryKeyEvent[]> => (await query(await table(), filter)).map((row) => EventEntity.parse(row));
  return {
    async recordRecoveryKeyEvent(event: RecoveryKeyEvent): Promise<void> {
      await (await table()).createEntity(entity(joinKey(event.requesterId), rowKeyOf(event), { ...event }));
    },
    async countRecoveryKeyAttemptsSince(requesterId: string, sinceIso: string): Promise<number> {
      const from = sortableMs(epochMs(sinceIso));
      const rows = await query(await table(), odata`PartitionKey eq ${joinKey(requesterId)} and RowKey ge ${from}`, ['RowKey']);
      return rows.length;
    },
    async recoveryKeyEventsOf(requesterId: string): Promise<RecoveryKeyEvent[]> {
      return events(inPartition(joinKey(requesterId)));
    },
    async recoveryKeysStillShown(): Promise<RecoveryKeyEvent[]> {
      // Across partitions, but only at start-up, and the table holds few rows (a handful per person per day).
      const rows = await query(await table(), odata`hideAt ge ${''}`);
      return rows.filter((row) => row['hiddenAt'] === undefined).map((row) => EventEntity.parse(row)).filter((event) => event.hideAt !== null);
    },
    async markRecoveryKeyHidden(event: RecoveryKeyEvent): Promise<void> {
      await (await table()).updateEntity(entity(joinKey(event.requesterId), rowKeyOf(event), { hiddenAt: clock.now().toISOString() }), 'Merge');
    },
  };
}
