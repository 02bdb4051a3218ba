import { StatusCodes, type Activity } from 'botbuilder';
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { withoutBuiltInRetries } from './connector-without-retries';
import { ReusedConnectorClients } from './reused-connector-clients';

/**
 * jsonwebtoken's failures, as botframework-connector 4.23.3 lets them through unwrapped: a forged
 * signature or an unsigned (`alg: none`) token is a JsonWebTokenError, an `nbf` in the future a
 * NotBeforeError. The names are jsonwebtoken's documented error types.
 */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** The Bot Framework channel id of Microsoft Teams (Channels.Msteams). */
const TEAMS_CHANNEL_ID = 'msteams';

/**
 * The Bot Framework authentication with two corrections and a saving. Proactive connector
 * clients come without the library's hidden retries (see connector-without-retries.ts); all
 * connector clients are built once and reused (see reused-connector-clients.ts). And CloudAdapter answers 401 only for an
 * AuthenticationError and 500 for anything else, so a forged or not-yet-valid token got a 500 —
 * the channel then retries, and the attacker learns the token reached the signature check.
 * A token the caller got wrong is refused with 401; a failure of ours (metadata unreachable)
 * stays a 500.
 */
export class ChannelAuthentication extends BotFrameworkAuthentication {
  /** Replies within a turn: the library's clients, retries included (a 429 there is retried after Retry-After). */
  private readonly turnClients = new ReusedConnectorClients();
  /** Proactive sends, which the outbox retries: clients without the hidden retries. */
  private readonly proactiveClients = new ReusedConnectorClients();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusedClients(await refusingBadTokens(() => this.inner.authenticateRequest(activity, authHeader)));
  }

  /**
   * The token of a POST, checked from its Authorization header alone so that a stranger's body is
   * never read: signature, issuer, expiry, audience = our app id, and a key that endorses Teams.
   * botframework-connector has no public check of a header without an activity except the
   * streaming one, which does exactly this for a given channel id. The serviceUrl claim (and the
   * activity's own channelId) are checked again with the activity by authenticateRequest.
   */
  async verifyHeader(authHeader: string): Promise<void> {
    await refusingBadTokens(() => this.inner.authenticateStreamingRequest(authHeader, TEAMS_CHANNEL_ID));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusedClients(await refusingBadTokens(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader)));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return refusingBadTokens(() => this.inner.authenticateChannelRequest(authHeader));
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
    return this.turnClients.userTokenClientFor(claimsIdentity, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}

async function refusingBadTokens<T>(authenticate: () => Promise<T>): Promise<T> {
  try {
    return await authenticate();
  } catch (error: unknown) {
    if (error instanceof Error && TOKEN_ERRORS.has(error.name) && !(error instanceof AuthenticationError)) {
      const refused = new AuthenticationError(`Unauthorized. ${error.name}: ${error.message}`, StatusCodes.UNAUTHORIZED);
      refused.cause = error;
      throw refused;
    }
    throw error;
  }
}
