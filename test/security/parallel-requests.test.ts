// Issue 15, item 7, as the attack run did it: parallel "device picker" clicks for one device made
// ten open requests and ten resetPasscode POSTs, and parallel requests passed
// MAX_REQUESTS_PER_USER_PER_DAY. Through the real bot over HTTP, the demo tenant's Graph and each
// store: one request per device (every click is shown the same one), one POST, and no more
// requests than the limit. On Azure Table Storage (the Bicep default, here Azurite) today's main
// fails both (5 requests for one device were seen); on SQLite one process happens to run each
// read-then-insert without a pause, so there the race needs two processes — see
// test/store/contract/insert-rules.test.ts, which also fails on today's main.
import assert from 'node:assert/strict';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { OPEN_STATES } from '../../src/reset/request';
import { buttonsOf, textOf } from '../e2e/cards';
import { resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from '../e2e/setup';
import { nextTablePrefix, sharedAzurite } from '../store/contract/stores';

const employeeDevices = [D.iphoneCompanyPortal, D.ipadAde, D.androidWorkProfile, D.androidCorporateWorkProfile];

/** The request id of each answer's Confirm button ('' where the answer has none). */
function confirmedIds(answers: ReadonlyArray<{ body?: { value?: unknown } }>): string[] {
  return answers.map((answer) => {
    const id = buttonsOf(answer.body?.value).find((b) => b.verb === 'confirmReset')?.data['requestId'];
    return typeof id === 'string' ? id : '';
  });
}

/** Settings that put the bot on `store`: its default SQLite file, or a fresh table prefix in the shared Azurite. */
async function storeEnv(store: 'sqlite' | 'azure-table'): Promise<Record<string, string>> {
  if (store === 'sqlite') return {};
  const { connectionString } = await sharedAzurite();
  return { STORE: 'azure-table', AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_STORAGE_TABLE_PREFIX: nextTablePrefix() };
}

for (const store of ['sqlite', 'azure-table'] as const) {
  describe(`parallel requests for a reset (attack run, issue 15), ${store} store`, () => {
    let world: World | undefined;
    afterEach(async () => {
      await stopWorld(world);
      world = undefined;
    });

    it('opens one request when the device picker is clicked ten times at once, and sends one resetPasscode', async function () {
      this.timeout(60_000);
      const running = (world = await startWorld({ env: await storeEnv(store) }));
      const clicks = await Promise.all(Array.from({ length: 10 }, () => running.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.iphoneCompanyPortal })));
      const ids = confirmedIds(clicks);
      assert.equal(new Set(ids).size, 1, `the clicks were shown ${new Set(ids).size} different requests`);
      const [requestId = ''] = ids;
      assert.notEqual(requestId, '');
      assert.deepEqual((await running.bot.store.requestsOf(users.employee.id, OPEN_STATES)).map((r) => r.id), [requestId]);
      await Promise.all(ids.map((id) => running.bot.invoke(users.employee, 'confirmReset', { requestId: id })));
      await waitForState(running, requestId, ['succeeded', 'failed']);
      assert.equal(resetPasscodePosts(running.tenant, D.iphoneCompanyPortal), 1);
    });

    it('opens no more requests than MAX_REQUESTS_PER_USER_PER_DAY when several devices are asked for at once', async function () {
      this.timeout(60_000);
      const running = (world = await startWorld({ env: { ...(await storeEnv(store)), MAX_REQUESTS_PER_USER_PER_DAY: '2' } }));
      const answers = await Promise.all(employeeDevices.map((deviceId) => running.bot.invoke(users.employee, 'chooseDevice', { deviceId })));
      assert.equal(confirmedIds(answers).filter((id) => id !== '').length, 2);
      assert.equal(answers.filter((answer) => /most allowed|24 hours/i.test(textOf(answer.body?.value))).length, 2);
      assert.equal((await running.bot.store.requestsOf(users.employee.id, OPEN_STATES)).length, 2);
    });
  });
}
