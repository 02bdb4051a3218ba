import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import type { AuditEntry } from '../../../src/reset/request';
import { sampleRequest } from '../fixtures';
import { forEachStore } from './stores';

const entry = (event: string, detail: string, requestId = 'req-1'): AuditEntry => ({
  requestId,
  at: '2025-03-01T08:00:00.000Z',
  actor: 'user-alice',
  event,
  detail,
});

describe('the audit trail contract', () => {
  forEachStore((_name, open) => {
    let store: Store;
    beforeEach(async () => {
      store = open();
      await store.insertRequest(sampleRequest());
      await store.insertRequest(sampleRequest({ id: 'req-2' }));
    });

    it('reads entries back in the order they were appended, though their times are equal', async () => {
      await store.appendAudit(entry('requested', 'awaiting_confirmation'));
      await store.appendAudit(entry('confirmed', 'approved'));
      await store.appendAudit({ ...entry('executing', 'resetPasscode'), actor: 'system' });
      const trail = await store.auditOf('req-1');
      assert.deepEqual(trail.map((e) => e.event), ['requested', 'confirmed', 'executing']);
      assert.deepEqual(trail[2], { ...entry('executing', 'resetPasscode'), actor: 'system' });
    });

    it('keeps the order of many quick appends, made through two instances in turn', async () => {
      const other = open();
      const events = Array.from({ length: 30 }, (_, i) => `event-${i}`);
      for (const [i, event] of events.entries()) await (i % 2 === 0 ? store : other).appendAudit(entry(event, ''));
      assert.deepEqual((await other.auditOf('req-1')).map((e) => e.event), events);
    });

    it('appends an entry identical to an earlier one instead of replacing it', async () => {
      await store.appendAudit(entry('reminded', 'helpdesk'));
      await store.appendAudit(entry('reminded', 'helpdesk'));
      assert.equal((await store.auditOf('req-1')).length, 2);
    });

    it("keeps each request's trail to itself", async () => {
      await store.appendAudit(entry('requested', '', 'req-1'));
      await store.appendAudit(entry('cancelled', '', 'req-2'));
      assert.deepEqual((await store.auditOf('req-2')).map((e) => e.event), ['cancelled']);
      assert.deepEqual(await store.auditOf('req-3'), []);
    });

    it('refuses an entry for a request that was never stored', async () => {
      await assert.rejects(store.appendAudit(entry('requested', '', 'ghost')));
      assert.deepEqual(await store.auditOf('ghost'), []);
    });
  });
});
