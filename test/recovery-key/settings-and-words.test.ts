// RECOVERY_KEY_POLICY and the words that ask for a recovery key; the Key ID a person types.
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { redactedSummary } from '../../src/config-summary';
import { recognizeIntent } from '../../src/i18n';
import { KeyIdInput, keyIdMatches } from '../../src/recovery-key';
import { problemsOf } from '../config/support/problems';

const TENANT = '6f1e6b5c-0000-4000-8000-000000000001';
const APP = '6f1e6b5c-0000-4000-8000-000000000003';
const GROUP = '6f1e6b5c-0000-4000-8000-000000000004';
const base = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: '6f1e6b5c-0000-4000-8000-000000000002', AZURE_CLIENT_SECRET: 'shh' };
const bot = { MicrosoftAppId: APP, MicrosoftAppPassword: 'bot-secret', OAUTH_CONNECTION_NAME: 'TeamsSso' };

describe('RECOVERY_KEY_POLICY', () => {
  it('is off unless asked for, so nothing needs an OAuth connection by default', () => {
    assert.deepEqual(loadConfig(base).recoveryKey, { policy: 'off' });
  });

  it('self: the bot app (MicrosoftAppId + password) exchanges the OAuth connection token; 5 attempts a day by default', () => {
    const settings = loadConfig({ ...base, ...bot, RECOVERY_KEY_POLICY: 'self' }).recoveryKey;
    assert.equal(settings.policy, 'self');
    if (settings.policy !== 'self') return;
    assert.equal(settings.maxAttemptsPerDay, 5);
    assert.deepEqual(settings.onBehalfOf, { tenantId: TENANT, clientId: APP, clientSecret: 'bot-secret', authorityHost: 'https://login.microsoftonline.com' });
    assert.equal(settings.signIn.connectionName, 'TeamsSso');
    assert.equal(settings.signIn.audience, APP);
  });

  it('is named in the start-up summary without the bot secret the exchange uses', () => {
    const summary = JSON.stringify(redactedSummary(loadConfig({ ...base, ...bot, RECOVERY_KEY_POLICY: 'self' })));
    assert.match(summary, /"recoveryKey":\{"policy":"self"/);
    assert.ok(!summary.includes('bot-secret'));
  });

  it('self without an OAuth connection or bot identity lists each missing setting', () => {
    const problems = problemsOf({ ...base, RECOVERY_KEY_POLICY: 'self' });
    for (const name of ['OAUTH_CONNECTION_NAME', 'MicrosoftAppId', 'MicrosoftAppPassword']) {
      assert.ok(problems.some((p) => p.startsWith(name)), `${name} in ${problems.join('; ')}`);
    }
  });

  it('approval without HELPDESK_GROUP_ID is refused: nobody could approve (the reset approval flow checks that group)', () => {
    const problems = problemsOf({ ...base, ...bot, RECOVERY_KEY_POLICY: 'approval' });
    assert.ok(problems.some((p) => p.startsWith('HELPDESK_GROUP_ID') && p.includes('RECOVERY_KEY_POLICY=approval')), problems.join('; '));
    assert.ok(!problems.some((p) => p.startsWith('RECOVERY_KEY_POLICY')), 'approval is a policy that exists');
  });

  it('approval needs everything self needs too: the key is still read with the requester\'s own token', () => {
    const problems = problemsOf({ ...base, HELPDESK_GROUP_ID: GROUP, RECOVERY_KEY_POLICY: 'approval' });
    for (const name of ['OAUTH_CONNECTION_NAME', 'MicrosoftAppId', 'MicrosoftAppPassword']) {
      assert.ok(problems.some((p) => p.startsWith(name) && p.includes('RECOVERY_KEY_POLICY=approval')), `${name} in ${problems.join('; ')}`);
    }
  });

  it('approval with the bot identity, the OAuth connection and the helpdesk group starts, with the on-behalf-of exchange of self', () => {
    const settings = loadConfig({ ...base, ...bot, HELPDESK_GROUP_ID: GROUP, RECOVERY_KEY_POLICY: 'approval' }).recoveryKey;
    assert.equal(settings.policy, 'approval');
    if (settings.policy !== 'approval') return;
    assert.deepEqual(settings.onBehalfOf, { tenantId: TENANT, clientId: APP, clientSecret: 'bot-secret', authorityHost: 'https://login.microsoftonline.com' });
    assert.equal(settings.signIn.connectionName, 'TeamsSso');
  });

  it('approval does not depend on APPROVAL_POLICY or MANAGER_APPROVAL (the helpdesk group decides)', () => {
    const problems = problemsOf({ ...base, ...bot, HELPDESK_GROUP_ID: GROUP, RECOVERY_KEY_POLICY: 'approval', APPROVAL_POLICY: 'none', MANAGER_APPROVAL: 'true' });
    assert.deepEqual(problems, []);
  });

  it('refuses an unknown policy and an attempt limit out of range', () => {
    assert.ok(problemsOf({ ...base, RECOVERY_KEY_POLICY: 'always' }).some((p) => p.startsWith('RECOVERY_KEY_POLICY')));
    assert.ok(problemsOf({ ...base, RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY: '0' }).some((p) => p.startsWith('RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY')));
  });
});

describe('asking for a recovery key in a message', () => {
  for (const text of [
    'BitLocker',
    'recovery key',
    'my laptop asks for a recovery key',
    'My PC shows the BitLocker recovery screen',
    'I need my bitlocker key please',
    '復原金鑰',
    'BitLocker 修復金鑰',
    '我的筆電要求輸入修復金鑰',
    '恢复密钥',
  ]) {
    it(`understands “${text}”`, () => assert.deepEqual(recognizeIntent(text), { kind: 'recoveryKey' }));
  }

  it('still reads “reset my PIN” and “cancel” as before', () => {
    assert.equal(recognizeIntent('reset my PIN').kind, 'reset');
    assert.equal(recognizeIntent('cancel').kind, 'cancel');
    assert.equal(recognizeIntent('忘記手機密碼').kind, 'reset');
    // 忘記密碼 alone may be the work account password: asked first (README "Which password?").
    assert.equal(recognizeIntent('忘記密碼').kind, 'whichPassword');
  });
});

describe('the Key ID a person types (the recovery screen shows “Recovery key ID: 1A2B3C4D…”)', () => {
  it('takes the first 8 characters in any case, with the spaces and braces people copy', () => {
    assert.equal(KeyIdInput.parse(' 1A2B3C4D '), '1a2b3c4d');
    assert.equal(KeyIdInput.parse('{1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D}'), '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
  });

  it('refuses what is not a Key ID (too short, not hex, an OData injection)', () => {
    for (const text of ['', '1A2B3C', '1A2B3C4G', "1a2b3c4d' or deviceId ne '", '1A2B3C4D5']) assert.equal(KeyIdInput.safeParse(text).success, false, text);
  });

  it('matches 8 characters as a prefix and a whole id exactly', () => {
    const id = '1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D';
    assert.ok(keyIdMatches(KeyIdInput.parse('1a2b3c4d'), id));
    assert.ok(!keyIdMatches(KeyIdInput.parse('1a2b3c4e'), id));
    assert.ok(keyIdMatches(KeyIdInput.parse(id), id));
    assert.ok(!keyIdMatches(KeyIdInput.parse('1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5E'), id));
  });
});
