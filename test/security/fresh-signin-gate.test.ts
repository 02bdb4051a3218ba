import assert from 'node:assert/strict';
import { CloudAdapter, TurnContext, type Activity } from 'botbuilder';
import type { FreshSignInGate } from '../../src/bot/fresh-signin';
import { schemaErrors, visibleTexts } from '../cards/support/card-json';
import { freshSignInGateFor, SSO_USER_OID, startEntraStandIn, type EntraStandIn } from './support/entra';
import { epochSeconds } from './support/jwt';
import { FakeUserTokens, SIGN_IN_LINK } from './support/user-tokens';

const CONNECTION = 'TeamsSso';
const REQUEST_ID = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';

describe('fresh sign-in gate before a confirm', () => {
  let entra: EntraStandIn;
  let tokens: FakeUserTokens;
  let gate: FreshSignInGate;
  const adapter = new CloudAdapter();
  before(async () => {
    entra = await startEntraStandIn();
  });
  after(() => entra.stop());
  beforeEach(() => {
    tokens = new FakeUserTokens();
    gate = freshSignInGateFor(entra, CONNECTION);
  });

  function confirmClick(data: Record<string, unknown> = { requestId: REQUEST_ID }, locale = 'en-US'): TurnContext {
    const activity: Partial<Activity> = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      locale,
      from: { id: '29:employee', name: 'Chen Mei-Ling', aadObjectId: SSO_USER_OID },
      conversation: { id: 'a:personal', isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: '28:bot', name: 'PIN reset' },
      value: { action: { type: 'Action.Execute', verb: 'confirmReset', data }, trigger: 'manual' },
    };
    const context = new TurnContext(adapter, activity);
    context.turnState.set(adapter.UserTokenClientKey, tokens);
    return context;
  }

  async function signInCardFor(context: TurnContext): Promise<Record<string, unknown>> {
    const result = await gate.check(context);
    assert.equal(result.kind, 'signInNeeded');
    return result.kind === 'signInNeeded' ? result.card : {};
  }

  function actionsOf(card: Record<string, unknown>): Record<string, unknown>[] {
    const actions: unknown = card['actions'];
    return Array.isArray(actions) ? actions.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null) : [];
  }

  it('asks to sign in when the token service has no token for the user', async () => {
    const card = await signInCardFor(confirmClick());
    assert.equal(schemaErrors(card), '');
    assert.equal(card['version'], '1.5');
    assert.match(String(card['fallbackText']), /sign in again/i);
    assert.ok(visibleTexts(card).includes('For your security, sign in again to confirm a passcode reset.'));
    assert.deepEqual(actionsOf(card).map((a) => [a['type'], a['url'] ?? a['verb']]), [
      ['Action.OpenUrl', SIGN_IN_LINK],
      ['Action.Execute', 'confirmReset'],
      ['Action.Execute', 'cancelReset'],
    ]);
    assert.deepEqual(actionsOf(card)[1]?.['data'], { requestId: REQUEST_ID });
    assert.deepEqual(tokens.calls, [{ userId: '29:employee', connectionName: CONNECTION, channelId: 'msteams', magicCode: undefined }]);
  });

  it('asks to sign in again when the last sign-in is 6 minutes old', async () => {
    tokens.token = entra.token({ auth_time: epochSeconds() - 6 * 60 });
    await signInCardFor(confirmClick());
  });

  it('asks to sign in again when the token carries no auth_time', async () => {
    tokens.token = entra.token({ auth_time: undefined });
    await signInCardFor(confirmClick());
  });

  it('lets the confirm through when the user signed in 4 minutes ago', async () => {
    tokens.token = entra.token({ auth_time: epochSeconds() - 4 * 60 });
    assert.deepEqual(await gate.check(confirmClick()), { kind: 'fresh' });
  });

  it('does not trust a fresh token that Entra did not sign', async () => {
    tokens.token = entra.token({ auth_time: epochSeconds() - 60 }, { alg: 'none' });
    await signInCardFor(confirmClick());
  });

  it('does not accept a fresh token of another Entra user', async () => {
    tokens.token = entra.token({ oid: 'ffffffff-1111-4222-8333-444444444444' });
    await signInCardFor(confirmClick());
  });

  it('passes the code the sign-in page showed to the token service', async () => {
    tokens.token = entra.token();
    await gate.check(confirmClick({ requestId: REQUEST_ID, signInCode: ' 123456 ' }));
    await gate.check(confirmClick({ requestId: REQUEST_ID, signInCode: '12; DROP' }));
    assert.deepEqual(tokens.calls.map((c) => c.magicCode), ['123456', undefined]);
  });

  it('fails closed when the token service is down: asks to sign in, though it has no link to offer', async () => {
    tokens.failing = true;
    const card = await signInCardFor(confirmClick());
    assert.equal(schemaErrors(card), '');
    assert.deepEqual(actionsOf(card).map((a) => a['type']), ['Action.Execute', 'Action.Execute']);
    assert.match(visibleTexts(card).join('\n'), /not possible right now/);
  });

  it('words the card in zh-TW for a zh-TW user', async () => {
    const result = await gate.check(confirmClick(undefined, 'zh-TW'));
    assert.equal(result.kind, 'signInNeeded');
    if (result.kind === 'signInNeeded') assert.ok(visibleTexts(result.card).includes('為了你的安全，確認重設密碼前請重新登入。'));
  });
});
