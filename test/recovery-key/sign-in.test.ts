// The fresh sign-in before a recovery key: the gate hands over the user's token only when Entra
// signed it for this user and the sign-in is recent (tokens signed by a local Entra stand-in).
import assert from 'node:assert/strict';
import { CloudAdapter, TurnContext, type Activity } from 'botbuilder';
import type { FreshSignInGate } from '../../src/bot/fresh-signin';
import { freshSignInGateFor, SSO_USER_OID, startEntraStandIn, type EntraStandIn } from '../security/support/entra';
import { epochSeconds } from '../security/support/jwt';
import { FakeUserTokens } from '../security/support/user-tokens';

const LINK = 'https://token.botframework.com/api/oauth/signin?signin=rk';

describe('fresh sign-in before a recovery key is shown', () => {
  let entra: EntraStandIn;
  const adapter = new CloudAdapter();
  const tokens = new FakeUserTokens(LINK);
  let gate: FreshSignInGate;
  before(async () => {
    entra = await startEntraStandIn();
    gate = freshSignInGateFor(entra);
  });
  after(() => entra.stop());

  function showKeyClick(): TurnContext {
    const activity: Partial<Activity> = {
      type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams',
      from: { id: '29:employee', name: 'Chen Mei-Ling', aadObjectId: SSO_USER_OID },
      conversation: { id: 'a:personal', isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: '28:bot', name: 'PIN reset' },
      value: { action: { type: 'Action.Execute', verb: 'showRecoveryKey', data: { deviceId: 'd0c1e5a0-0000-4000-8000-000000000010', keyId: '1A2B3C4D' } } },
    };
    const context = new TurnContext(adapter, activity);
    context.turnState.set(adapter.UserTokenClientKey, tokens);
    return context;
  }

  it('hands over the verified token of a sign-in 2 minutes old', async () => {
    tokens.token = entra.token({ auth_time: epochSeconds() - 120 });
    assert.deepEqual(await gate.signIn(showKeyClick()), { kind: 'fresh', userToken: tokens.token });
  });

  it('hands over nothing for a sign-in 6 minutes old: a link to sign in instead', async () => {
    tokens.token = entra.token({ auth_time: epochSeconds() - 360 });
    assert.deepEqual(await gate.signIn(showKeyClick()), { kind: 'signInNeeded', signInLink: LINK });
  });

  it('hands over nothing for a token of another user or one Entra did not sign', async () => {
    tokens.token = entra.token({ oid: 'ffffffff-1111-4222-8333-444444444444' });
    assert.equal((await gate.signIn(showKeyClick())).kind, 'signInNeeded');
    tokens.token = entra.token({}, { alg: 'none' });
    assert.equal((await gate.signIn(showKeyClick())).kind, 'signInNeeded');
  });
});
