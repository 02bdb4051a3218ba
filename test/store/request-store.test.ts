import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore, type Store } from '../../src/store';
import { makeTempDir, sampleRequest } from './fixtures';

// The behaviour every store shares is in test/store/contract; these are the SQLite file's own
// guarantees, checked through a second, plain connection — what another process or a hand-run
// sqlite3 shell would do.
describe('the SQLite request store, seen from another connection', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let store: Store;

  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'pinbot.db');
    store = openStore(`sqlite:${file}`);
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  function withRawConnection<T>(use: (db: DatabaseSync) => T): T {
    const db = new DatabaseSync(file);
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  it('fails loudly on a state this build does not know rather than passing it on', async () => {
    await store.insertRequest(sampleRequest());
    withRawConnection((db) => db.prepare("UPDATE requests SET state = 'on_hold'").run());
    await assert.rejects(store.getRequest('req-1'), /state/);
  });

  describe('the audit trail', () => {
    const entry = (event: string, detail: string) => ({ requestId: 'req-1', at: '2025-03-01T08:00:00.000Z', actor: 'user-alice', event, detail });

    beforeEach(() => store.insertRequest(sampleRequest()));

    it('refuses to rewrite an audit entry', async () => {
      await store.appendAudit(entry('approved', 'by helpdesk'));
      withRawConnection((db) => {
        assert.throws(() => db.prepare("UPDATE audit SET actor = 'user-mallory'").run(), /append-only/);
      });
      assert.equal((await store.auditOf('req-1'))[0]?.actor, 'user-alice');
    });

    it('refuses to delete an audit entry', async () => {
      await store.appendAudit(entry('rejected', 'by helpdesk'));
      withRawConnection((db) => {
        assert.throws(() => db.prepare('DELETE FROM audit').run(), /append-only/);
      });
      assert.equal((await store.auditOf('req-1')).length, 1);
    });
  });

  describe('secrets', () => {
    it('has no column that could hold a passcode or a token', () => {
      const columns = withRawConnection((db) =>
        ['requests', 'audit', 'conversations'].flatMap((table) =>
          db.prepare('SELECT name FROM pragma_table_info(?)').all(table).map((c) => String(c['name'])),
        ),
      );
      assert.ok(columns.includes('hide_passcode_at'));
      // A time and a message id about the passcode, never the passcode itself.
      const aboutThePasscode = ['hide_passcode_at', 'passcode_activity_id'];
      const suspicious = columns.filter((name) => /passcode|pin|token|secret|password/i.test(name) && !aboutThePasscode.includes(name));
      assert.deepEqual(suspicious, []);
    });
  });
});
