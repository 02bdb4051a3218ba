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

/**
 * jsonwebtoken's failures, as botframework-connector 4.23.3 lets them through unwrapped: a forged
 * signature or an unsigned (`alg: none`) token is a JsonWebTokenError, an `nbf` in the future a
 * NotBeforeError. The names are jsonwebtoken's documented error types.
 */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The Bot Framework authentication with two corrections. Connector clients come without the
 * library's hidden retries (see connector-without-retries.ts). And CloudAdapter answers 401 only for an
 * AuthenticationError and 500 for anything else, so a forged or not-yet-valid token got a 500 —
 * the channel then retries, and the attacker learns the token reached the signature check.
 * A token the caller got wrong is refused with 401; a failure of ours (metadata unreachable)
 * stays a 500.
 */
export class ChannelAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return refusingBadTokens(() => this.inner.authenticateRequest(activity, authHeader));
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return refusingBadTokens(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return refusingBadTokens(() => this.inner.authenticateChannelRequest(authHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return withoutBuiltInRetries(this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
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
