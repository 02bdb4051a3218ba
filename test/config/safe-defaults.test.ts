// Issue 11 §4 "Safe by default, like Company Portal": Company Portal asks the user to sign in again
// within 5 minutes before a passcode action (Microsoft Learn, "Reset or remove a device passcode in
// Intune" — end users resetting from Company Portal). In production the fresh sign-in gate is on
// unless an administrator turns it off in so many words, and the bot says so in its log.
import assert from 'node:assert/strict';
import { loadConfig, startupWarnings } from '../../src/config';
import { startWorld, stopWorld, type World } from '../e2e/setup';
import { problemsOf } from './support/problems';

const TENANT = '6f1e6b5c-0000-4000-8000-000000000001';
const APP = '6f1e6b5c-0000-4000-8000-000000000002';
const base = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: APP, AZURE_CLIENT_SECRET: 'graph-secret' };
const bot = { MicrosoftAppId: APP, MicrosoftAppPassword: 'bot-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT };

describe('fresh sign-in is on by default in production', () => {
  for (const nodeEnv of ['production', 'Production', 'PRODUCTION', ' production ']) {
    it(`refuses to start with NODE_ENV=${JSON.stringify(nodeEnv)} and no OAuth connection, naming the way out`, () => {
      const problems = problemsOf({ ...base, ...bot, NODE_ENV: nodeEnv });
      const problem = problems.find((p) => p.startsWith('OAUTH_CONNECTION_NAME'));
      assert.ok(problem, problems.join('\n'));
      assert.match(problem, /REQUIRE_FRESH_SIGNIN=false/);
    });
  }

  it('turns the gate on with the OAuth connection, without REQUIRE_FRESH_SIGNIN being set', () => {
    const config = loadConfig({ ...base, ...bot, NODE_ENV: 'production', OAUTH_CONNECTION_NAME: 'TeamsSso' });
    assert.equal(config.freshSignIn.required, true);
    assert.equal(config.freshSignIn.required && config.freshSignIn.connectionName, 'TeamsSso');
    assert.deepEqual(startupWarnings(config), []);
  });

  for (const off of ['false', '0']) {
    it(`starts without the gate when REQUIRE_FRESH_SIGNIN=${off} is set explicitly, with a warning`, () => {
      const config = loadConfig({ ...base, ...bot, NODE_ENV: 'production', REQUIRE_FRESH_SIGNIN: off });
      assert.deepEqual(config.freshSignIn, { required: false });
      const warnings = startupWarnings(config);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /REQUIRE_FRESH_SIGNIN=false in production/);
    });
  }

  it('an empty REQUIRE_FRESH_SIGNIN is not an explicit "false": still refused in production', () => {
    assert.ok(problemsOf({ ...base, ...bot, NODE_ENV: 'production', REQUIRE_FRESH_SIGNIN: '' }).some((p) => p.startsWith('OAUTH_CONNECTION_NAME')));
  });

  it('keeps the gate off by default outside production, without a warning', () => {
    const config = loadConfig({ ...base, NODE_ENV: 'development' });
    assert.deepEqual(config.freshSignIn, { required: false });
    assert.deepEqual(startupWarnings(config), []);
  });

  it('treats NODE_ENV in any case as production for the bot app id too', () => {
    assert.ok(problemsOf({ ...base, NODE_ENV: 'Production', REQUIRE_FRESH_SIGNIN: 'false' }).some((p) => p.startsWith('MicrosoftAppId')));
  });
});

describe('the bot logs the production warning when it starts', () => {
  let world: World | undefined;
  after(() => stopWorld(world));

  it('writes one warn line naming REQUIRE_FRESH_SIGNIN when it is off in production', async () => {
    world = await startWorld({ env: { NODE_ENV: 'production', ...bot, REQUIRE_FRESH_SIGNIN: 'false' } });
    const warnings = world.bot.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l['level'] === 'warn');
    assert.equal(warnings.filter((l) => String(l['event']).includes('REQUIRE_FRESH_SIGNIN=false')).length, 1);
  });
});

describe('SSPR_URL, the page for "my work account password"', () => {
  it('defaults to Microsoft’s self-service password reset, https://aka.ms/sspr', () => {
    assert.equal(loadConfig(base).selfServicePasswordResetUrl, 'https://aka.ms/sspr');
  });

  it('takes the organisation’s own page', () => {
    assert.equal(loadConfig({ ...base, SSPR_URL: 'https://passwordreset.contoso.com/' }).selfServicePasswordResetUrl, 'https://passwordreset.contoso.com/');
  });

  it('refuses a page that is not https', () => {
    assert.ok(problemsOf({ ...base, SSPR_URL: 'http://passwordreset.contoso.com' }).some((p) => p.startsWith('SSPR_URL')));
    assert.ok(problemsOf({ ...base, SSPR_URL: 'javascript:alert(1)' }).some((p) => p.startsWith('SSPR_URL')));
  });
});
