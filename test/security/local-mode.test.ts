import assert from 'node:assert/strict';
import net from 'node:net';
import { MicrosoftAppCredentials } from 'botframework-connector';
import sinon from 'sinon';
import { ConfigError, loadConfig } from '../../src/config';
import { isLoopbackUrl } from '../../src/loopback';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, type DemoTenant } from '../../src/demo/tenant';
import { BotUnderTest } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { graphCalls, startWorld, stopWorld, users, type World } from '../e2e/setup';

/*
 * The attack (issue 15, "Ways in" 1): with an empty MicrosoftAppId nothing checks a token, so whoever
 * reaches the port is any user and any approver, and picks the serviceUrl the bot answers to. Local
 * mode must therefore be reachable from this machine only, talk back to this machine only, and never
 * run where anything says production.
 */

/** Whether a TCP connection to host:port is accepted (all addresses used here are loopback: 127.0.0.0/8). */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

const GRAPH_SETTINGS = { AZURE_TENANT_ID: DEMO_TENANT_ID, AZURE_CLIENT_ID: DEMO_CLIENT_ID, AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET };

function refusedToStart(env: Record<string, string>, problem: RegExp): void {
  assert.throws(() => loadConfig({ ...GRAPH_SETTINGS, ...env }), (error: unknown) => error instanceof ConfigError && problem.test(error.message));
}

describe('local mode (empty MicrosoftAppId) is closed to the network', () => {
  describe('refuses to start wherever anything says production', () => {
    // Node's convention is lower case, but nothing stops an operator writing it otherwise.
    for (const value of ['Production', 'PRODUCTION', ' production ']) {
      it(`NODE_ENV=${JSON.stringify(value)}`, () => refusedToStart({ NODE_ENV: value }, /MicrosoftAppId/));
    }
    // Variables Azure App Service sets on every site (Microsoft Learn, "Environment variables and
    // app settings in Azure App Service"), and Container Apps on every replica.
    it('on Azure App Service (WEBSITE_SITE_NAME)', () => refusedToStart({ WEBSITE_SITE_NAME: 'pinbot-prod' }, /WEBSITE_SITE_NAME/));
    it('on Azure App Service (WEBSITE_INSTANCE_ID)', () => refusedToStart({ WEBSITE_INSTANCE_ID: 'a1b2c3' }, /WEBSITE_INSTANCE_ID/));
    it('on Azure Container Apps (CONTAINER_APP_NAME)', () => refusedToStart({ CONTAINER_APP_NAME: 'pinbot' }, /CONTAINER_APP_NAME/));
    // The managed identity endpoint App Service / Container Apps / Functions expose to the process.
    it('with a managed identity endpoint (IDENTITY_ENDPOINT)', () =>
      refusedToStart({ IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token', IDENTITY_HEADER: 'x' }, /IDENTITY_ENDPOINT/));
    it('with the older managed identity endpoint (MSI_ENDPOINT)', () => refusedToStart({ MSI_ENDPOINT: 'http://127.0.0.1:41741/msi/token' }, /MSI_ENDPOINT/));
    it('with the Graph credential set to a managed identity', () =>
      refusedToStart({ AZURE_CLIENT_SECRET: '', USE_MANAGED_IDENTITY: 'true' }, /USE_MANAGED_IDENTITY/));
    it('with the bot identity set to a managed identity (MicrosoftAppType=UserAssignedMSI)', () =>
      refusedToStart({ MicrosoftAppType: 'UserAssignedMSI' }, /UserAssignedMSI/));
    it('with HOST set to anything but loopback', () => refusedToStart({ HOST: '0.0.0.0' }, /HOST/));
  });

  describe('which serviceUrl counts as loopback (WHATWG URL parsing, as Node and the connector client read it)', () => {
    for (const url of ['http://127.0.0.1:3978/', 'http://localhost:56150/_connector', 'http://LOCALHOST/', 'http://[::1]:8080/', 'https://127.5.6.7/', 'http://2130706433/']) {
      it(`accepts ${url}`, () => assert.equal(isLoopbackUrl(url), true));
    }
    for (const url of [
      'http://127.0.0.1@attacker.example/', // userinfo: the host is attacker.example
      'http://127.0.0.1.attacker.example/',
      'http://localhost.attacker.example/',
      'http://[::ffff:127.0.0.1]/', // not refused by routing, but not plainly loopback either
      'http://0.0.0.0:3978/',
      'file:///etc/passwd',
      'ftp://127.0.0.1/',
      'not a url',
      42,
      undefined,
    ]) {
      it(`refuses ${String(url)}`, () => assert.equal(isLoopbackUrl(url), false));
    }
  });

  describe('a running bot in local mode', () => {
    let world: World;
    before(async () => {
      world = await startWorld();
    });
    after(() => stopWorld(world));
    beforeEach(() => world.tenant.resetLog());

    it('listens on 127.0.0.1 only: another loopback address of this machine is refused', async () => {
      const port = portOf(world.bot.running.url);
      assert.equal(await connects('127.0.0.1', port), true);
      // Bound to 0.0.0.0 it would accept 127.0.0.2 (and every other interface) too.
      assert.equal(await connects('127.0.0.2', port), false);
    });

    it('prints the address it is really bound to', () => {
      const listening = world.bot.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['event'] === 'listening');
      assert.equal(listening?.['address'], '127.0.0.1');
      assert.equal(listening?.['port'], portOf(world.bot.running.url));
    });

    for (const serviceUrl of ['https://attacker.example/', 'http://169.254.169.254/metadata/', 'http://10.0.0.5:8080/']) {
      it(`refuses serviceUrl ${serviceUrl} before any work: no reply, no store write, no Graph call`, async () => {
        await world.bot.say(users.employee, 'help');
        const before = await world.bot.store.personalConversationOf(users.employee.id);
        assert.equal(before?.serviceUrl, world.bot.connector.url);
        const sent = world.bot.connector.events.length;
        const linesBefore = world.bot.lines.length;

        const activity = {
          type: 'message',
          id: 'attack-1',
          channelId: 'msteams',
          serviceUrl,
          text: 'reset my PIN',
          from: { id: `29:${users.employee.id}`, aadObjectId: users.employee.id },
          recipient: { id: '28:pin-reset-bot' },
          conversation: { id: world.bot.personalConversationOf(users.employee), conversationType: 'personal', tenantId: world.tenant.tenantId },
          channelData: { tenant: { id: world.tenant.tenantId } },
        };
        const response = await world.bot.post(activity);
        assert.equal(response.status, 403);
        assert.equal((await world.bot.store.personalConversationOf(users.employee.id))?.serviceUrl, world.bot.connector.url, 'conversation reference kept');
        assert.equal(world.bot.connector.events.length, sent);
        assert.equal(graphCalls(world.tenant), 0);
        // A turn that ran would have tried to answer serviceUrl and logged the failure.
        assert.ok(!world.bot.lines.slice(linesBefore).some((line) => line.includes('turn failed')));
      });
    }

    it('still answers a loopback serviceUrl (the Agents Playground and the tests)', async () => {
      const sent = world.bot.connector.events.length;
      assert.equal(await world.bot.say(users.employee, 'help'), 200);
      assert.equal(world.bot.connector.events.length, sent + 1);
    });
  });

  describe('the authenticated mode listens where HOST says', () => {
    let tenant: DemoTenant;
    let bot: BotUnderTest;
    let outboundToken: sinon.SinonStub;
    before(async () => {
      outboundToken = sinon.stub(MicrosoftAppCredentials.prototype, 'getToken').resolves('outbound-token');
      tenant = await startTestTenant();
      bot = await BotUnderTest.start(
        { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
        { env: { MicrosoftAppId: '9a1c7f52-3c1e-4b7a-9d2e-5f0a6b1c2d3e', MicrosoftAppPassword: 'bot-secret', HOST: '127.0.0.2' } },
      );
    });
    after(async () => {
      outboundToken.restore();
      await bot?.stop();
      await tenant?.stop();
    });

    it('binds HOST and logs it', async () => {
      const port = portOf(bot.running.url);
      assert.equal(await connects('127.0.0.2', port), true);
      assert.equal(await connects('127.0.0.1', port), false);
      const listening = bot.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['event'] === 'listening');
      assert.equal(listening?.['address'], '127.0.0.2');
      const health = await fetch(`${bot.running.url}/healthz`);
      assert.equal(health.status, 200);
    });
  });
});
