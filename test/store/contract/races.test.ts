import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import { sampleRequest } from '../fixtures';
import { forEachStore } from './stores';

describe('racing for the same request version (contract)', () => {
  forEachStore((_name, open) => {
    it('lets exactly one of two racing confirmations win in one store', async () => {
      const store = open();
      await store.insertRequest(sampleRequest());
      const results = await Promise.all([store.transition('req-1', 1, 'approved'), store.transition('req-1', 1, 'approved')]);
      assert.equal(results.filter((r) => r !== undefined).length, 1);
      assert.equal((await store.getRequest('req-1'))?.version, 2);
    });

    it('lets exactly one of two racing confirmations win across two instances of the store', async () => {
      const [first, second] = [open(), open()];
      await first.insertRequest(sampleRequest());
      const results = await Promise.all([first.transition('req-1', 1, 'approved'), second.transition('req-1', 1, 'approved')]);
      assert.equal(results.filter((r) => r !== undefined).length, 1);
      assert.equal((await second.getRequest('req-1'))?.version, 2);
    });

    it('lets a cancel and an approval on the same version not both happen, and lists the request only where it is', async () => {
      const [user, helpdesk] = [open(), open()];
      await user.insertRequest(sampleRequest({ state: 'awaiting_approval' }));
      const [cancelled, approved] = await Promise.all([user.transition('req-1', 1, 'cancelled'), helpdesk.transition('req-1', 1, 'approved')]);
      assert.ok((cancelled === undefined) !== (approved === undefined));
      const [state, lost] = cancelled ? (['cancelled', 'approved'] as const) : (['approved', 'cancelled'] as const);
      assert.equal((await helpdesk.getRequest('req-1'))?.state, state);
      assert.deepEqual((await helpdesk.requestsInStates([state])).map((r) => r.id), ['req-1']);
      assert.deepEqual(await helpdesk.requestsInStates([lost, 'awaiting_approval']), []);
      assert.equal((await user.openRequestForDevice('device-pixel'))?.state, approved ? 'approved' : undefined);
    });

    it('lets exactly one of four instances win each of many approvals, and one each of many patches', async function () {
      this.timeout(60_000);
      const ids = Array.from({ length: 15 }, (_, i) => `req-${i}`);
      const instances: Store[] = Array.from({ length: 4 }, () => open());
      for (const id of ids) await instances[0]?.insertRequest(sampleRequest({ id }));
      const approvals = await Promise.all(instances.flatMap((store) => ids.map((id) => store.transition(id, 1, 'approved'))));
      assert.deepEqual(approvals.flatMap((r) => (r ? [r.id] : [])).sort(), [...ids].sort());
      const patches = await Promise.all(instances.flatMap((store, n) => ids.map((id) => store.patch(id, 2, { cardActivityId: `instance-${n}` }))));
      assert.deepEqual(patches.flatMap((r) => (r ? [r.id] : [])).sort(), [...ids].sort());
      for (const id of ids) assert.equal((await instances[3]?.getRequest(id))?.version, 3);
    });
  });
});
