// The Bot Framework token service as the fresh sign-in gate sees it: the token stored for the
// user's OAuth connection, and a sign-in link. Shared by every test of the gate.
import type { SignInUrlResponse, TokenResponse } from 'botbuilder';
import { UserTokenClient, type TokenExchangeRequest, type TokenStatus } from 'botframework-connector';

export const SIGN_IN_LINK = 'https://token.botframework.com/api/oauth/signin?signin=abc123';

export class FakeUserTokens extends UserTokenClient {
  token: string | undefined;
  /** The token service cannot be reached: both calls throw. */
  failing = false;
  readonly calls: { userId: string; connectionName: string; channelId: string; magicCode: string | undefined }[] = [];

  constructor(private readonly signInLink = SIGN_IN_LINK) {
    super();
  }

  async getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string | undefined): Promise<TokenResponse> {
    this.calls.push({ userId, connectionName, channelId, magicCode });
    if (this.failing) throw new Error('token service unreachable');
    return { connectionName, token: this.token ?? '', expiration: '', channelId };
  }
  async getSignInResource(): Promise<SignInUrlResponse> {
    if (this.failing) throw new Error('token service unreachable');
    return { signInLink: this.signInLink };
  }
  signOutUser(): Promise<void> {
    throw new Error('not used by the gate');
  }
  getTokenStatus(): Promise<TokenStatus[]> {
    throw new Error('not used by the gate');
  }
  getAadTokens(): Promise<Record<string, TokenResponse>> {
    throw new Error('not used by the gate');
  }
  exchangeToken(_u: string, _c: string, _ch: string, _r: TokenExchangeRequest): Promise<TokenResponse> {
    throw new Error('not used by the gate');
  }
}
