import { z } from 'zod';
import type { Clock, SettingsStore } from '../../reset/ports';
import type { Database } from './connection';

const SettingRow = z.object({ value: z.string() });

/** Small named settings chosen at run time (e.g. the approval channel); last write wins. */
export function sqliteSettingsStore(db: Database, clock: Clock): SettingsStore {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return {
    async setting(key: string): Promise<string | undefined> {
      const row = get.get(key);
      return row === undefined ? undefined : SettingRow.parse(row).value;
    },
    async saveSetting(key: string, value: string): Promise<void> {
      put.run(key, value, clock.now().toISOString());
    },
  };
}
