// Access tokens of the demo tenant: opaque random strings, shared by the token endpoint and Graph.
import { randomBytes } from 'node:crypto';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export const TOKEN_LIFETIME_SECONDS = 3599;

export class TokenBook {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(clientId: string, now: number = Date.now()): string {
    const token = `demo.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt: now + TOKEN_LIFETIME_SECONDS * 1000 });
    return token;
  }

  /** The client id a valid token was issued to, or undefined for an unknown or expired token. */
  verify(token: string, now: number = Date.now()): string | undefined {
    const issued = this.tokens.get(token);
    return issued && issued.expiresAt > now ? issued.clientId : undefined;
  }

  /** Makes every token issued so far unknown (a test of token expiry or revocation). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
