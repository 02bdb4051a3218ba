// BOT_TOKEN_SERVICE_URL from an attacker's point of view: the Bot Framework token service vouches
// for who the user is (it hands the bot the user's Entra token for the OAuth connection), so
// whoever can point the bot at a service of their own can mint any user. The setting exists for
// the demo's local stand-in only: refused with a bot identity, in production, in Azure, and off loopback.
import assert from 'node:assert/strict';
import { createAdapter } from '../../src/bot/adapter';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { redactedSummary } from '../../src/config-summary';
import { problemsOf } from './support/problems';

const TENANT = '6f1e6b5c-0000-4000-8000-000000000001';
const GRAPH_APP = '6f1e6b5c-0000-4000-8000-000000000002';
const BOT_APP = '6f1e6b5c-0000-4000-8000-000000000003';
const local = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: GRAPH_APP, AZURE_CLIENT_SECRET: 'graph-secret', OAUTH_CONNECTION_NAME: 'DemoTeamsSso' };
const demoService = { BOT_TOKEN_SERVICE_URL: 'http://127.0.0.1:49152' };
const bot = { MicrosoftAppId: BOT_APP, MicrosoftAppPassword: 'bot-secret' };

const aboutTokenService = (problems: string[]): string[] => problems.filter((p) => p.startsWith('BOT_TOKEN_SERVICE_URL'));

describe('BOT_TOKEN_SERVICE_URL (the demo token service, local mode only)', () => {
  it('is refused with a bot identity: with MicrosoftAppId the bot only asks the Azure Bot token service', () => {
    const problems = problemsOf({ ...local, ...bot, ...demoService, RECOVERY_KEY_POLICY: 'self' });
    assert.equal(aboutTokenService(problems).length, 1, problems.join('; '));
    assert.match(aboutTokenService(problems)[0] ?? '', /only in local mode/);
  });

  it('is refused in production, in any spelling of NODE_ENV, even before local mode itself is', () => {
    for (const NODE_ENV of ['production', 'Production ']) {
      const problems = problemsOf({ ...local, ...demoService, NODE_ENV });
      assert.ok(aboutTokenService(problems).some((p) => /NODE_ENV=production/.test(p)), problems.join('; '));
    }
  });

  it('is refused where Azure runs the bot (App Service, Container Apps): those deployments cannot be local mode', () => {
    for (const hosted of [{ WEBSITE_SITE_NAME: 'pinbot' }, { CONTAINER_APP_NAME: 'pinbot' }] as Record<string, string>[]) {
      assert.notDeepEqual(problemsOf({ ...local, ...demoService, ...hosted }), []);
    }
  });

  it('is refused off loopback: a service elsewhere could hand the bot any user token', () => {
    for (const url of ['https://token.attacker.example', 'http://10.0.0.5:3978', 'http://user:pw@127.0.0.1:1']) {
      const problems = problemsOf({ ...local, BOT_TOKEN_SERVICE_URL: url });
      assert.ok(aboutTokenService(problems).some((p) => /loopback/.test(p)), `${url}: ${problems.join('; ')}`);
    }
  });

  it('is refused by the adapter too when settings are built by hand with a bot identity', () => {
    const identity = { appId: BOT_APP, appPassword: 'bot-secret', appType: 'SingleTenant', appTenantId: TENANT, tokenServiceUrl: 'http://127.0.0.1:49152' };
    assert.throws(() => createAdapter(identity, createLogger('silent')), /local mode only/);
    assert.doesNotThrow(() => createAdapter({ ...identity, appId: '', appPassword: undefined, appType: 'MultiTenant', appTenantId: undefined }, createLogger('silent')));
  });

  it('turns on the recovery key in local mode: the user signs in to the Graph app, which exchanges the token', () => {
    const config = loadConfig({ ...local, ...demoService, RECOVERY_KEY_POLICY: 'self' });
    assert.equal(config.bot.appId, '');
    assert.equal(config.bot.tokenServiceUrl, 'http://127.0.0.1:49152');
    assert.equal(config.recoveryKey.policy, 'self');
    if (config.recoveryKey.policy !== 'self') return;
    assert.equal(config.recoveryKey.signIn.audience, GRAPH_APP);
    assert.deepEqual(config.recoveryKey.onBehalfOf, { tenantId: TENANT, clientId: GRAPH_APP, clientSecret: 'graph-secret', authorityHost: 'https://login.microsoftonline.com' });
    assert.match(JSON.stringify(redactedSummary(config)), /"botTokenService":"http:\/\/127\.0\.0\.1:49152"/);
  });

  it('leaves the recovery key refused in local mode without it (no token service could sign the user in)', () => {
    const problems = problemsOf({ ...local, RECOVERY_KEY_POLICY: 'self' });
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppId: required when RECOVERY_KEY_POLICY=self')), problems.join('; '));
  });

  it('lets the fresh sign-in before a reset run in local mode with it, and only with it', () => {
    const config = loadConfig({ ...local, ...demoService, REQUIRE_FRESH_SIGNIN: 'true' });
    assert.ok(config.freshSignIn.required && config.freshSignIn.audience === GRAPH_APP);
    const problems = problemsOf({ ...local, REQUIRE_FRESH_SIGNIN: 'true' });
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppId: required when REQUIRE_FRESH_SIGNIN=true')), problems.join('; '));
  });

  it('with a bot identity the sign-in audience and the exchange are the bot app, never the Graph app', () => {
    const config = loadConfig({ ...local, ...bot, RECOVERY_KEY_POLICY: 'self' });
    assert.equal(config.bot.tokenServiceUrl, undefined);
    if (config.recoveryKey.policy !== 'self') throw new Error('recovery key off');
    assert.equal(config.recoveryKey.signIn.audience, BOT_APP);
    assert.equal(config.recoveryKey.onBehalfOf.clientId, BOT_APP);
  });
});
