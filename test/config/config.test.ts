import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { environmentWithDotEnv, loadConfig } from '../../src/config';
import { redactedSummary } from '../../src/config-summary';
import { problemsOf } from './support/problems';

const TENANT = '6f1e6b5c-0000-4000-8000-000000000001';
const CLIENT = '6f1e6b5c-0000-4000-8000-000000000002';
const base = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'shh-its-a-secret' };

describe('settings', () => {
  it('starts with only a tenant and a Graph client secret, on the public cloud defaults', () => {
    const config = loadConfig(base);
    assert.equal(config.port, 3978);
    assert.equal(config.graph.endpoint, 'https://graph.microsoft.com');
    assert.equal(config.graph.credential.authorityHost, 'https://login.microsoftonline.com');
    assert.deepEqual(config.allowedTenantIds, [TENANT]);
    assert.equal(config.store, 'sqlite:./data/pinbot.db');
    assert.equal(config.bot.appId, '');
  });

  it('lists every problem at once instead of stopping at the first', () => {
    const problems = problemsOf({ AZURE_TENANT_ID: 'not-a-guid', PORT: 'eighty', GRAPH_ENDPOINT: 'ftp://x' });
    assert.ok(problems.some((p) => p.startsWith('AZURE_TENANT_ID')));
    assert.ok(problems.some((p) => p.startsWith('PORT')));
    assert.ok(problems.some((p) => p.startsWith('GRAPH_ENDPOINT')));
  });

  it('refuses an empty bot app id in production', () => {
    assert.ok(problemsOf({ ...base, NODE_ENV: 'production' }).some((p) => p.startsWith('MicrosoftAppId')));
    assert.deepEqual(problemsOf({ ...base, NODE_ENV: 'production', MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'x', OAUTH_CONNECTION_NAME: 'TeamsSso' }), []);
  });

  it('requires a Graph credential: a secret, a certificate or a managed identity', () => {
    assert.ok(problemsOf({ AZURE_TENANT_ID: TENANT }).some((p) => p.startsWith('Graph credential')));
    // A managed identity means a hosted bot, which needs its app id (local mode is refused there).
    const hosted = { MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'x' };
    assert.equal(loadConfig({ AZURE_TENANT_ID: TENANT, USE_MANAGED_IDENTITY: 'true', ...hosted }).graph.credential.kind, 'managedIdentity');
    assert.equal(loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' }).graph.credential.kind, 'certificate');
    assert.ok(problemsOf({ ...base, AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' }).some((p) => p.includes('only one')));
  });

  it('accepts national clouds and a loopback Graph for tests', () => {
    const config = loadConfig({ ...base, GRAPH_ENDPOINT: 'http://127.0.0.1:4567/', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    assert.equal(config.graph.endpoint, 'http://127.0.0.1:4567');
    assert.equal(config.graph.credential.authorityHost, 'https://login.microsoftonline.us');
  });

  it('checks every allowed tenant id and compares them without case', () => {
    assert.ok(problemsOf({ ...base, ALLOWED_TENANT_IDS: `${TENANT},contoso` }).some((p) => p.includes('"contoso"')));
    assert.deepEqual(loadConfig({ ...base, ALLOWED_TENANT_IDS: TENANT.toUpperCase() }).allowedTenantIds, [TENANT]);
  });

  it('ignores unknown variables and treats empty ones as unset', () => {
    assert.doesNotThrow(() => loadConfig({ ...base, SOMETHING_ELSE: '1', PORT: '' }));
  });

  it('never shows a secret in the logged summary', () => {
    const summary = JSON.stringify(redactedSummary(loadConfig({ ...base, MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'bot-password-1' })));
    assert.ok(!summary.includes('shh-its-a-secret'));
    assert.ok(!summary.includes('bot-password-1'));
  });
});

describe('an optional .env file', () => {
  it('fills only variables that are not set and is never required', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'env-')), '.env');
    writeFileSync(file, `# comment\nPORT=4000\nAZURE_TENANT_ID="${TENANT}"\n`);
    const merged = environmentWithDotEnv({ PORT: '5000' }, file);
    assert.equal(merged['PORT'], '5000');
    assert.equal(merged['AZURE_TENANT_ID'], TENANT);
    assert.deepEqual(environmentWithDotEnv({ PORT: '5000' }, path.join(path.dirname(file), 'missing.env')), { PORT: '5000' });
  });
});

describe('METRICS_PORT', () => {
  it('is off unless set: no /metrics and no /readyz anywhere', () => {
    assert.equal(loadConfig(base).metricsPort, undefined);
    assert.equal(loadConfig({ ...base, METRICS_PORT: '' }).metricsPort, undefined);
  });

  it('takes a port number and refuses anything else, naming the setting', () => {
    assert.equal(loadConfig({ ...base, METRICS_PORT: '9464' }).metricsPort, 9464);
    assert.ok(problemsOf({ ...base, METRICS_PORT: 'loopback' }).some((p) => p.startsWith('METRICS_PORT')));
    assert.ok(problemsOf({ ...base, METRICS_PORT: '70000' }).some((p) => p.startsWith('METRICS_PORT')));
  });

  it('may not be the public port', () => {
    assert.ok(problemsOf({ ...base, PORT: '3978', METRICS_PORT: '3978' }).some((p) => p.startsWith('METRICS_PORT: must differ from PORT')));
  });
});
