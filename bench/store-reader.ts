// Reads the bot's SQLite store from the benchmark process, read-only: request states (is a reset
// finished?) and the outbox (was anything lost?). WAL mode lets this run beside the bot's writes.
import Database from 'better-sqlite3';

export const FINAL_STATES: readonly string[] = ['succeeded', 'failed', 'rejected', 'cancelled', 'expired'];

export class StoreReader {
  private db: Database.Database | undefined;

  constructor(private readonly path: string) {}

  stateOf(requestId: string): string | undefined {
    const row = this.open().prepare('SELECT state FROM requests WHERE id = ?').get(requestId) as { state: string } | undefined;
    return row?.state;
  }

  /** How many of `requestIds` are in one of `states`. */
  countIn(requestIds: readonly string[], states: readonly string[]): number {
    const statement = this.open().prepare('SELECT state FROM requests WHERE id = ?');
    return requestIds.filter((id) => states.includes((statement.get(id) as { state: string } | undefined)?.state ?? '')).length;
  }

  /** Outbox rows per state for one kind of operation ("newThread", "send", …). */
  outboxStates(operationKind: string): Record<string, number> {
    const rows = this.open()
      .prepare("SELECT state, COUNT(*) AS n FROM outbox WHERE json_extract(operation_json, '$.kind') = ? GROUP BY state")
      .all(operationKind) as { state: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  /** Opened on first use: the bot creates the file when it starts. */
  private open(): Database.Database {
    this.db ??= new Database(this.path, { readonly: true, fileMustExist: true });
    return this.db;
  }
}
