// Schema V4 adds the partial unique index that keeps one open request per device. A file written
// before it can hold several open requests for one device (the read-then-insert race of issue 15,
// item 7); the upgrade must not fail on it and must leave exactly one open request per device.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ResetRequest } from '../../src/reset/request';
import { openStore } from '../../src/store';
import { RequestRow, toRequestRow } from '../../src/store/sqlite/request-rows';
import { MIGRATIONS } from '../../src/store/sqlite/schema';
import { makeTempDir, sampleRequest } from './fixtures';

describe('upgrading a SQLite file to one open request per device', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'v3.db');
  });
  afterEach(() => temp.remove());

  /** A file as the build before V4 left it, with these requests in it. */
  function writeV3(requests: readonly ResetRequest[]): void {
    const db = new DatabaseSync(file);
    for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql);
    const columns = Object.keys(RequestRow.shape);
    const insert = db.prepare(`INSERT INTO requests (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const request of requests) insert.run(toRequestRow(request));
    db.exec('PRAGMA user_version = 3');
    db.close();
  }

  it('ends all but the newest open request of a device, each with an audit entry, and then refuses a second one', async () => {
    const pixel = sampleRequest().device;
    const at = (minute: number) => ({ createdAt: `2025-03-01T08:0${minute}:00.000Z`, updatedAt: `2025-03-01T08:0${minute}:00.000Z` });
    writeV3([
      sampleRequest({ id: 'oldest-waiting', state: 'awaiting_confirmation', device: pixel, ...at(1) }),
      sampleRequest({ id: 'middle-executing', state: 'executing', device: pixel, ...at(2) }),
      sampleRequest({ id: 'newest-waiting', state: 'awaiting_approval', device: pixel, ...at(3) }),
      sampleRequest({ id: 'finished', state: 'succeeded', device: pixel, ...at(4) }),
      sampleRequest({ id: 'ipad', state: 'approved', ...at(5) }),
    ]);
    const store = openStore(`sqlite:${file}`);
    try {
      const state = async (id: string) => {
        const request = await store.getRequest(id);
        return [request?.state, request?.version, request?.failureReason];
      };
      assert.deepEqual(await state('oldest-waiting'), ['expired', 2, null]);
      assert.deepEqual(await state('middle-executing'), ['failed', 2, 'actionNotConfirmed']);
      assert.deepEqual(await state('newest-waiting'), ['awaiting_approval', 1, null]);
      assert.deepEqual(await state('finished'), ['succeeded', 1, null]);
      assert.deepEqual(await state('ipad'), ['approved', 1, null]);
      assert.deepEqual((await store.auditOf('oldest-waiting')).map((e) => [e.actor, e.event]), [['system', 'expired']]);
      assert.deepEqual((await store.auditOf('middle-executing')).map((e) => [e.actor, e.event]), [['system', 'failed']]);
    } finally {
      store.close();
    }
    // The database itself now refuses a second open request, whoever writes it.
    const raw = new DatabaseSync(file);
    try {
      assert.throws(() => raw.prepare("UPDATE requests SET state = 'approved' WHERE id = 'finished'").run(), /UNIQUE constraint failed/);
    } finally {
      raw.close();
    }
  });
});
