// Verifies the Bot Framework channel's token on an incoming activity with jose: the checks
// botframework-connector 4.23.3 makes (see test/security/bot-auth.test.ts for the list and the
// attacks), done by a maintained JOSE library, on our clock, with a typed reason for a refusal.
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { joseRefusal } from './jose-refusal';
import type { Clock } from '../reset/ports';

export type ChannelTokenRefusal =
  | 'missingToken'
  | 'notBearer'
  | 'malformed'
  | 'unsupportedAlgorithm'
  | 'unknownKey'
  | 'badSignature'
  | 'wrongIssuer'
  | 'wrongAudience'
  | 'expired'
  | 'notYetValid'
  | 'channelNotEndorsed'
  | 'serviceUrlMismatch'
  | 'skillToken'
  /** Streaming and skill requests: this bot serves neither. */
  | 'unsupportedRequest';

export type ChannelTokenResult = { kind: 'valid'; claims: JWTPayload } | { kind: 'refused'; reason: ChannelTokenRefusal };

export interface ChannelTokenSettings {
  /** OpenID metadata of the channel, e.g. https://login.botframework.com/v1/.well-known/openidconfiguration */
  metadataUrl: string;
  /** The `iss` of channel tokens, e.g. https://api.botframework.com (compared exactly). */
  issuer: string;
  /** The bot's Microsoft App Id: the token's `aud`. */
  appId: string;
  clock: Clock;
}

/** The Bot Framework's clock tolerance for exp/nbf (JwtTokenValidation: 5 minutes). */
const CLOCK_TOLERANCE_SECONDS = 300;
/** What the channel signs with (botframework-connector's ToBotFromChannelTokenValidationParameters). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** The Bot Framework asks bots to refresh the keys at least daily. */
const KEYS_MAX_AGE_MS = 24 * 3600_000;
/** An unknown kid fetches the keys again, but not more often than this: a stranger's tokens cannot make us hammer the channel. */
const UNKNOWN_KID_COOLDOWN_MS = 5 * 60_000;

const Metadata = z.object({ jwks_uri: z.string().url() });
const EndorsedKey = z.object({ kid: z.string().optional(), endorsements: z.array(z.string()).optional() });

type RemoteKeys = ReturnType<typeof createRemoteJWKSet>;

export class ChannelTokenVerifier {
  private keys?: Promise<RemoteKeys>;

  constructor(private readonly settings: ChannelTokenSettings) {}

  /**
   * A refusal is the caller's fault (401); a throw is ours (the metadata or keys could not be
   * fetched: 500, and the channel retries).
   */
  /** `activity` undefined: the header alone, before the body is read (no serviceUrl or endorsement check yet). */
  async verify(authHeader: string, activity: { channelId?: string; serviceUrl?: string } | undefined): Promise<ChannelTokenResult> {
    const header = authHeader.trim();
    if (header === '') return refused('missingToken');
    const [scheme, token, extra] = header.split(/\s+/);
    if (scheme !== 'Bearer' || !token || extra !== undefined) return refused('notBearer');
    // Something that is not even a JWT is refused before the keys are fetched: a stranger's
    // garbage must cost no request to the channel's metadata (and needs no network to refuse).
    if (!isWellFormedJwt(token)) return refused('malformed');
    const keys = await this.remoteKeys();
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.appId,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.settings.clock.now(),
      });
      return checkClaims(payload, endorsementsOf(keys, protectedHeader.kid), activity);
    } catch (error: unknown) {
      const reason = joseRefusal(error);
      if (reason) return refused(reason);
      throw error;
    }
  }

  /** The metadata is read on the first token, not at start: the bot starts with no network at hand. */
  private remoteKeys(): Promise<RemoteKeys> {
    this.keys ??= fetchKeys(this.settings.metadataUrl).catch((error: unknown) => {
      this.keys = undefined; // not kept: the next request tries again
      throw error;
    });
    return this.keys;
  }
}

async function fetchKeys(metadataUrl: string): Promise<RemoteKeys> {
  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`channel OpenID metadata answered ${response.status}`);
  const metadata = Metadata.parse(await response.json());
  return createRemoteJWKSet(new URL(metadata.jwks_uri), { cacheMaxAge: KEYS_MAX_AGE_MS, cooldownDuration: UNKNOWN_KID_COOLDOWN_MS, timeoutDuration: 10_000 });
}

/** The Bot Framework's `endorsements` extension of the key that signed (jose leaves it alone). */
function endorsementsOf(keys: RemoteKeys, kid: string | undefined): string[] | undefined {
  const key = keys.jwks()?.keys.find((candidate) => candidate.kid === kid);
  const parsed = EndorsedKey.safeParse(key);
  return parsed.success ? parsed.data.endorsements : undefined;
}

function checkClaims(claims: JWTPayload, endorsements: string[] | undefined, activity: { channelId?: string; serviceUrl?: string } | undefined): ChannelTokenResult {
  if (activity) {
    // As botframework-connector: a key that lists endorsements signs only for those channels.
    if (activity.channelId && endorsements && !endorsements.includes(activity.channelId)) return refused('channelNotEndorsed');
    if (claims['serviceurl'] !== activity.serviceUrl) return refused('serviceUrlMismatch');
  }
  // A token naming another app than its audience is a skill's: we configure no skills.
  const caller = claims['appid'] ?? claims['azp'];
  if (claims['ver'] !== undefined && caller !== undefined && caller !== claims.aud) return refused('skillToken');
  return { kind: 'valid', claims };
}

function isWellFormedJwt(token: string): boolean {
  try {
    decodeProtectedHeader(token);
    decodeJwt(token);
    return true;
  } catch (error: unknown) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return false;
    throw error;
  }
}

function refused(reason: ChannelTokenRefusal): ChannelTokenResult {
  return { kind: 'refused', reason };
}
