// Reads the bot's SQLite store from the benchmark process, read-only: request states (is a reset
// finished?) and the outbox (was anything lost?). WAL mode lets this run beside the bot's writes.
import { DatabaseSync } from 'node:sqlite';

export const FINAL_STATES: readonly string[] = ['succeeded', 'failed', 'rejected', 'cancelled', 'expired'];

export class StoreReader {
  private db: DatabaseSync | undefined;

  constructor(private readonly path: string) {}

  stateOf(requestId: string): string | undefined {
    const row = this.open().prepare('SELECT state FROM requests WHERE id = ?').get(requestId) as unknown as { state: string } | undefined;
    return row?.state;
  }

  /** How many of `requestIds` are in one of `states`. */
  countIn(requestIds: readonly string[], states: readonly string[]): number {
    const statement = this.open().prepare('SELECT state FROM requests WHERE id = ?');
    return requestIds.filter((id) => states.includes((statement.get(id) as unknown as { state: string } | undefined)?.state ?? '')).length;
  }

  /** Outbox rows per state for one kind of operation ("newThread", "send", …). */
  outboxStates(operationKind: string): Record<string, number> {
    const rows = this.open()
      .prepare("SELECT state, COUNT(*) AS n FROM outbox WHERE json_extract(operation_json, '$.kind') = ? GROUP BY state")
      .all(operationKind) as unknown as { state: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  /** Opened on first use: the bot creates the file when it starts. */
  private open(): DatabaseSync {
    // readOnly opens an existing file only (SQLITE_OPEN_READONLY never creates one).
    this.db ??= new DatabaseSync(this.path, { readOnly: true });
    return this.db;
  }
}
