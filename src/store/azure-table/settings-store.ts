import { z } from 'zod';
import type { Clock, SettingsStore } from '../../reset/ports';
import { entity, readEntity } from './entities';
import { joinKey } from './keys';
import type { Tables } from './tables';

const ROW = 'setting';
const SettingEntity = z.object({ value: z.string() });

/** Small named settings (PartitionKey = the name, a point read each); last write wins, as in SQLite. */
export function azureSettingsStore(tables: Tables, clock: Clock): SettingsStore {
  return {
    async setting(key: string): Promise<string | undefined> {
      const stored = await readEntity(await tables.table('settings'), joinKey(key), ROW);
      return stored === undefined ? undefined : SettingEntity.parse(stored).value;
    },
    async saveSetting(key: string, value: string): Promise<void> {
      const row = entity(joinKey(key), ROW, { key, value, updatedAt: clock.now().toISOString() });
      await (await tables.table('settings')).upsertEntity(row, 'Replace');
    },
  };
}
