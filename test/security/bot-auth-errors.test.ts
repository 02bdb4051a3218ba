import assert from 'node:assert/strict';
import { AuthenticationError, BotFrameworkAuthentication, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { ChannelAuthentication } from '../../src/bot/channel-authentication';

const activity: Activity = {
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:user', name: '' },
  recipient: { id: '28:bot', name: '' },
  conversation: { id: 'a:chat', name: '', isGroup: false, conversationType: 'personal' },
  text: 'help',
  localTimezone: '',
  callerId: '',
  label: '',
  valueType: '',
  listenFor: [],
};

/** An authentication whose every check fails with `error`, as botframework-connector's can. */
class FailingAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly error: Error) {
    super();
  }
  authenticateRequest(): Promise<AuthenticateRequestResult> {
    return Promise.reject(this.error);
  }
  authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return Promise.reject(this.error);
  }
  createConnectorFactory(_claims: ClaimsIdentity): ConnectorFactory {
    throw new Error('not used');
  }
  createUserTokenClient(_claims: ClaimsIdentity): Promise<UserTokenClient> {
    throw new Error('not used');
  }
}

function jsonwebtokenError(name: 'JsonWebTokenError' | 'NotBeforeError', message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

async function failureOf(error: Error): Promise<unknown> {
  const auth = new ChannelAuthentication(new FailingAuthentication(error));
  return auth.authenticateRequest(activity, 'Bearer x').then(
    () => assert.fail('authenticated'),
    (failure: unknown) => failure,
  );
}

describe('refused channel tokens are 401, not 500', () => {
  it('turns a bad signature into an AuthenticationError with status 401, keeping the cause', async () => {
    const cause = jsonwebtokenError('JsonWebTokenError', 'invalid signature');
    const failure = await failureOf(cause);
    assert.ok(failure instanceof AuthenticationError);
    assert.equal(failure.statusCode, 401);
    assert.equal(failure.cause, cause);
  });

  it('turns a token that is not valid yet into a 401', async () => {
    const failure = await failureOf(jsonwebtokenError('NotBeforeError', 'jwt not active'));
    assert.ok(failure instanceof AuthenticationError && failure.statusCode === 401);
  });

  it('leaves our own failures alone: unreachable metadata stays an error of ours', async () => {
    const unreachable = new TypeError('fetch failed');
    assert.equal(await failureOf(unreachable), unreachable);
  });
});
