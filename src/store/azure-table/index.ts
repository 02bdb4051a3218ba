// The Azure Table Storage implementation of the store, for running more than one bot instance.
// Eight tables (names prefixed, default "pinbot"):
//
//   requests           PartitionKey = requester id      "my requests", "how many today": one partition each
//   requestindex       by id / by state / by device     "pending requests" = the partition of that state
//   audit              PartitionKey = request id        append-only, read in key order
//   conversations      PartitionKey = conversation id   point reads
//   conversationindex  by user / by tenant, newest first
//   outbox             one partition                    "due now" = the key range of pending messages
//   settings           PartitionKey = setting name
//   recoverykeys       PartitionKey = requester id      recovery-key attempts, never a key; "still|shown": keys to hide
//
// Why these keys, and what is atomic, is explained where each is used.
import type { Logger } from '../../log';
import type { Clock } from '../../reset/ports';
import { azureConversationStore } from './conversation-store';
import { azureOutboxStore } from './outbox-store';
import { azureRecoveryKeyLedger } from './recovery-key-ledger';
import { azureRequestStore } from './request-store';
import { azureSettingsStore } from './settings-store';
import { connectTables, type AzureTableSettings } from './tables';

export type { AzureTableSettings } from './tables';

export function openAzureTableStore(settings: AzureTableSettings, clock: Clock, log?: Pick<Logger, 'warn'>) {
  const tables = connectTables(settings);
  return {
    ...azureRequestStore(tables, clock, log),
    ...azureConversationStore(tables, log),
    ...azureOutboxStore(tables, log),
    ...azureSettingsStore(tables, clock),
    ...azureRecoveryKeyLedger(tables, clock),
    ready: () => tables.ready(),
    // HTTP clients hold no resource that needs closing; keep-alive sockets close on their own.
    close: () => undefined,
  };
}
