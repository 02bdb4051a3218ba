import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DEVICE_IDS as D, type DemoTenant } from '../../src/demo/tenant';
import { openStore } from '../../src/store';
import { buttonsOf, textOf } from '../e2e/cards';
import { users } from '../e2e/setup';
import { LocalConnector, cardsOf } from '../support/connector';
import { callsTo, startTestTenant } from '../support/demo-tenant';
import { ProcessBot } from './support/process-bot';

const DEVICE_GET = `/deviceManagement/managedDevices/${D.oneDeviceIphone}`;

/** kill -9 at each step of a reset; after a restart every request ends right, with at most one action. */
describe('crash consistency (kill -9 of the bot process)', () => {
  let tenant: DemoTenant;
  let connector: LocalConnector;
  let storePath: string;
  let bot: ProcessBot;

  beforeEach(async () => {
    tenant = await startTestTenant({ actionCompletesAfterMs: 1200 });
    connector = await new LocalConnector().start();
    storePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'pinbot-crash-')), 'pinbot.db');
    bot = new ProcessBot(tenant, connector, storePath);
    await bot.start();
  });
  afterEach(async () => {
    await bot.kill();
    await connector.stop();
    await tenant.stop();
  });

  async function confirmOnlyIphone(): Promise<string> {
    await bot.say(users.oneDevice, 'reset my PIN');
    const last = connector.events.filter((e) => e.conversationId === bot.conversationOf(users.oneDevice)).at(-1);
    const confirm = buttonsOf(cardsOf(last?.activity ?? {})[0]).find((b) => b.verb === 'confirmReset');
    assert.ok(last && confirm);
    assert.equal(await bot.invoke(users.oneDevice, 'confirmReset', confirm.data, last.activityId), 200);
    return String(confirm.data['requestId']);
  }

  async function stateOf(requestId: string): Promise<string | undefined> {
    const store = openStore(`sqlite:${storePath}`);
    try {
      return (await store.getRequest(requestId))?.state;
    } finally {
      store.close();
    }
  }

  async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function posts(): number {
    return callsTo(tenant.requests, 'POST', '/resetPasscode').length;
  }

  function toldDone(): boolean {
    return connector.events.some((e) => e.conversationId === bot.conversationOf(users.oneDevice) && /passcode was removed/i.test(textOf(e.activity)));
  }

  it('after the confirm, before Graph was asked: acts once after the restart and tells the user', async () => {
    tenant.injectFault({ method: 'GET', path: DEVICE_GET, delayMs: 3000, times: 1 });
    const requestId = await confirmOnlyIphone();
    await bot.kill();
    assert.equal(posts(), 0);
    await bot.start();
    await until(async () => (await stateOf(requestId)) === 'succeeded');
    await until(toldDone);
    assert.equal(posts(), 1);
  });

  it('right after Graph accepted the action: follows it after the restart without a second POST', async () => {
    const requestId = await confirmOnlyIphone();
    await until(() => tenant.requests.some((r) => r.method === 'POST' && r.status === 204));
    await bot.kill();
    await bot.start();
    await until(async () => (await stateOf(requestId)) === 'succeeded');
    await until(toldDone);
    assert.equal(posts(), 1);
  });

  it('while polling: finishes after the restart with one action', async () => {
    const requestId = await confirmOnlyIphone();
    await until(() => callsTo(tenant.requests, 'GET', DEVICE_GET).filter((r) => r.query['$select'] === 'deviceActionResults').length >= 1);
    await bot.kill();
    await bot.start();
    await until(async () => (await stateOf(requestId)) === 'succeeded');
    assert.equal(posts(), 1);
  });

  it('with card updates stuck in the outbox: delivers each once after the restart', async function () {
    this.timeout(60_000);
    // 429 without Retry-After: the connector library does not retry it itself, the outbox does.
    connector.failNext({ method: 'PUT', status: 429, times: 1000 });
    const requestId = await confirmOnlyIphone();
    await until(async () => (await stateOf(requestId)) === 'succeeded');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await bot.kill();
    connector.clearFaults();
    await bot.start();
    await until(toldDone, 50_000);
    const updates = connector.events.filter((e) => e.kind === 'update' && e.conversationId === bot.conversationOf(users.oneDevice));
    const versions = updates.map((e) => textOf(e.activity));
    assert.equal(new Set(versions).size, versions.length, 'no card update delivered twice');
    assert.equal(posts(), 1);
  });
});
