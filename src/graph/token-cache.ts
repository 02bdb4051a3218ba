import type { AccessToken, TokenCredential } from '@azure/identity';

/** Tokens are renewed this long before they expire (unless the credential says when). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** A token this close to its expiry is not sent even when renewing it failed. */
const NEVER_SEND_WITHIN_MS = 30_000;

/**
 * One scope's app-only token, kept until it is due for renewal. @azure/identity has a cache of its
 * own, but asking it costs MSAL a cache search, a correlation id and a tracing span on every Graph
 * call; here it is a time comparison. Concurrent callers share one renewal.
 */
export class TokenCache {
  private current?: AccessToken;
  private renewal?: Promise<AccessToken>;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    const current = this.current;
    if (current && this.now() < renewAt(current)) return current.token;
    try {
      return (await (this.renewal ??= this.renew())).token;
    } catch (error: unknown) {
      // Entra unreachable for a moment: a token with time left still works; an expired one never.
      if (current && this.now() < current.expiresOnTimestamp - NEVER_SEND_WITHIN_MS) return current.token;
      throw error;
    }
  }

  /** Graph refused the token (401): the next call asks the credential for a new one. */
  forget(): void {
    this.current = undefined;
  }

  private async renew(): Promise<AccessToken> {
    try {
      const fresh = await this.credential.getToken(this.scope);
      if (!fresh) throw new Error('the credential returned no token');
      this.current = fresh;
      return fresh;
    } finally {
      this.renewal = undefined;
    }
  }
}

function renewAt(token: AccessToken): number {
  const beforeExpiry = token.expiresOnTimestamp - RENEW_BEFORE_EXPIRY_MS;
  return token.refreshAfterTimestamp === undefined ? beforeExpiry : Math.min(token.refreshAfterTimestamp, beforeExpiry);
}
