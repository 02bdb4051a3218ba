import assert from 'node:assert/strict';
import { overridesOf } from '../../src/bot/adapter';
import { loadConfig } from '../../src/config';
import { redactedSummary } from '../../src/config-summary';
import { problemsOf } from '../config/support/problems';

const TENANT = '6f1e6b5c-0000-4000-8000-000000000001';
const APP = '6f1e6b5c-0000-4000-8000-000000000002';
const base = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: APP, AZURE_CLIENT_SECRET: 'graph-secret' };
const bot = { MicrosoftAppId: APP, MicrosoftAppPassword: 'bot-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT };

describe('settings of Bot Framework authentication and fresh sign-in', () => {
  it('uses the public cloud unless told otherwise: no overrides at all', () => {
    assert.deepEqual(overridesOf(loadConfig({ ...base, ...bot }).bot), {});
  });

  it('keeps the public cloud’s outbound login, scope and token service when the metadata is overridden', () => {
    const overrides = overridesOf(loadConfig({ ...base, ...bot, BOT_OPENID_METADATA_URL: 'https://127.0.0.1:4443/v1/.well-known/openidconfiguration' }).bot);
    assert.deepEqual(overrides, {
      ToBotFromChannelOpenIdMetadataUrl: 'https://127.0.0.1:4443/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      CallerId: 'urn:botframework:azure',
    });
  });

  it('keeps an issuer exactly as written, trailing slash included', () => {
    const overrides = overridesOf(loadConfig({ ...base, ...bot, BOT_TOKEN_ISSUER: 'https://channel.example/' }).bot);
    assert.equal(overrides['ToBotFromChannelTokenIssuer'], 'https://channel.example/');
  });

  it('refuses keys or an issuer over plain http, and overrides without a bot app id', () => {
    assert.ok(problemsOf({ ...base, ...bot, BOT_OPENID_METADATA_URL: 'http://evil.example/keys' }).some((p) => p.startsWith('BOT_OPENID_METADATA_URL')));
    assert.ok(problemsOf({ ...base, ...bot, BOT_TOKEN_ISSUER: 'api.botframework.com' }).some((p) => p.startsWith('BOT_TOKEN_ISSUER')));
    assert.ok(problemsOf({ ...base, BOT_TOKEN_ISSUER: 'https://api.botframework.com' }).some((p) => p.includes('only used with MicrosoftAppId')));
  });

  it('leaves fresh sign-in off by default', () => {
    assert.deepEqual(loadConfig(base).freshSignIn, { required: false });
  });

  it('needs an OAuth connection and a bot app id for fresh sign-in', () => {
    const problems = problemsOf({ ...base, REQUIRE_FRESH_SIGNIN: 'true' });
    assert.ok(problems.some((p) => p.startsWith('OAUTH_CONNECTION_NAME')));
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppId')));
  });

  it('verifies the user token against the bot tenant’s v2 metadata, 5 minutes by default', () => {
    const config = loadConfig({ ...base, ...bot, REQUIRE_FRESH_SIGNIN: 'true', OAUTH_CONNECTION_NAME: 'TeamsSso' });
    assert.deepEqual(config.freshSignIn, {
      required: true,
      maxAgeMs: 5 * 60_000,
      connectionName: 'TeamsSso',
      metadataUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      tenantId: TENANT,
      audience: APP,
    });
    assert.deepEqual(redactedSummary(config)['freshSignIn'], { maxAgeMs: 300_000, connectionName: 'TeamsSso', metadataUrl: config.freshSignIn.required ? config.freshSignIn.metadataUrl : '' });
  });
});
