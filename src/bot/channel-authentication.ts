import { CallerIdConstants, StatusCodes, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { ChannelTokenRefusal, ChannelTokenResult, ChannelTokenVerifier } from './channel-token';
import { withoutBuiltInRetries } from './connector-without-retries';
import { ReusedConnectorClients } from './reused-connector-clients';

/** A token the caller got wrong: CloudAdapter's AuthenticationError with status 401, and why (for our log only). */
export class RefusedToken extends AuthenticationError {
  constructor(readonly reason: ChannelTokenRefusal) {
    // The message reaches no one: the 401 goes out with an empty body (see adapter.ts).
    super('Unauthorized', StatusCodes.UNAUTHORIZED);
    this.name = 'RefusedToken';
  }
}

const LOCAL_BOT = new ClaimsIdentity([{ type: AuthenticationConstants.AppIdClaim, value: '' }], AuthenticationConstants.AnonymousAuthType);

/**
 * The Bot Framework authentication with our own token check and two savings. With an app id,
 * the channel's token is verified by ChannelTokenVerifier (jose, our clock, typed refusals);
 * a refused token is a RefusedToken (401), a failure of ours (keys unreachable) stays an error
 * (500, the channel retries). Without an app id (local mode) the library's anonymous
 * authentication stays. Proactive connector clients come without the library's hidden retries
 * (see connector-without-retries.ts); all connector clients are built once and reused (see
 * reused-connector-clients.ts).
 */
export class ChannelAuthentication extends BotFrameworkAuthentication {
  /** Replies within a turn: the library's clients, retries included (a 429 there is retried after Retry-After). */
  private readonly turnClients = new ReusedConnectorClients();
  /** Proactive sends, which the outbox retries: clients without the hidden retries. */
  private readonly proactiveClients = new ReusedConnectorClients();

  /**
   * `verifier` undefined: local mode (no app id), nothing to verify. `turn` is what the
   * library puts in a channel turn's result: the audience of our replies' token and the callerId.
   */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly verifier: ChannelTokenVerifier | undefined,
    private readonly turn: { audience: string; callerId: string } = { audience: AuthenticationConstants.ToChannelFromBotOAuthScope, callerId: CallerIdConstants.PublicAzureChannel },
  ) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (!this.verifier) return this.withReusedClients(await this.inner.authenticateRequest(activity, authHeader));
    const verdict = await this.verifier.verify(authHeader, activity);
    if (verdict.kind === 'refused') throw new RefusedToken(verdict.reason);
    // As botframework-connector builds it (JwtTokenExtractor): one claim per payload entry, authenticated.
    const claimsIdentity = new ClaimsIdentity(Object.entries(verdict.claims).map(([type, value]) => ({ type, value: typeof value === 'string' ? value : JSON.stringify(value) })), true);
    return this.withReusedClients({
      audience: this.turn.audience,
      callerId: this.turn.callerId,
      claimsIdentity,
      connectorFactory: this.inner.createConnectorFactory(claimsIdentity),
    });
  }

  /** No app id: the library's anonymous authentication, and nothing to verify. */
  get localMode(): boolean {
    return this.verifier === undefined;
  }

  /**
   * The token of a POST, checked from its Authorization header alone so that a stranger's body is
   * never read: signature, issuer, expiry, audience = our app id. The serviceUrl claim and the
   * channel's endorsement are checked again with the activity by authenticateRequest.
   */
  async verifyHeader(authHeader: string): Promise<ChannelTokenResult> {
    if (!this.verifier) return { kind: 'valid', claims: {} };
    return this.verifier.verify(authHeader, undefined);
  }

  /** Bot Framework streaming (App Service named pipes) and skills are not served: nothing may pass here with an app id. */
  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    if (this.verifier) throw new RefusedToken('unsupportedRequest');
    return this.withReusedClients(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    if (this.verifier) return Promise.reject(new RefusedToken('unsupportedRequest'));
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.proactiveClients.factoryFor(claimsIdentity, () => withoutBuiltInRetries(this.inner.createConnectorFactory(claimsIdentity)));
  }

  /** CloudAdapter answers a turn through the factory inside the authentication result. */
  private withReusedClients(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const built = result.connectorFactory;
    if (!built) return result;
    return { ...result, connectorFactory: this.turnClients.factoryFor(result.claimsIdentity, () => built) };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // A local turn's anonymous identity names no app, and UserTokenClient refuses to build a sign-in
    // state without one; local mode has no bot app id, so it says so with an empty one.
    const identity = this.verifier ? claimsIdentity : LOCAL_BOT;
    return this.turnClients.userTokenClientFor(identity, () => this.inner.createUserTokenClient(identity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}
