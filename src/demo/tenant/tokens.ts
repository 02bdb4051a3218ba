// Access tokens of the demo tenant: opaque random strings, shared by the token endpoint and Graph.
// Three kinds, as Entra issues them: app-only (client credentials), the user's SSO token for the
// bot's own app (what the Azure Bot OAuth connection hands the bot after Teams SSO), and a
// delegated Graph token obtained on behalf of that user (OBO).
import { randomBytes } from 'node:crypto';

/** Who a token speaks for. */
export type TokenSubject =
  | { kind: 'app'; clientId: string }
  /** `audience` is the app the user signed in to; `authTime` the epoch ms of the sign-in. */
  | { kind: 'sso'; clientId: string; userId: string; audience: string; authTime: number }
  | { kind: 'delegated'; clientId: string; userId: string; scopes: readonly string[] };

interface IssuedToken {
  subject: TokenSubject;
  expiresAt: number;
}

export const TOKEN_LIFETIME_SECONDS = 3599;

export class TokenBook {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(clientId: string, now: number = Date.now()): string {
    return this.issueFor({ kind: 'app', clientId }, now);
  }

  issueFor(subject: TokenSubject, now: number = Date.now(), lifetimeSeconds = TOKEN_LIFETIME_SECONDS): string {
    const token = `demo.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { subject, expiresAt: now + lifetimeSeconds * 1000 });
    return token;
  }

  /** Records a token issued elsewhere in the tenant (a signed SSO token from the token service) so the token endpoint knows it. */
  remember(token: string, subject: TokenSubject, expiresAt: number): void {
    this.tokens.set(token, { subject, expiresAt });
  }

  /** The client id a valid token was issued to, or undefined for an unknown or expired token. */
  verify(token: string, now: number = Date.now()): string | undefined {
    return this.subjectOf(token, now)?.clientId;
  }

  /** Who a valid token speaks for, or undefined for an unknown or expired token. */
  subjectOf(token: string, now: number = Date.now()): TokenSubject | undefined {
    const issued = this.tokens.get(token);
    return issued && issued.expiresAt > now ? issued.subject : undefined;
  }

  /** Makes every token issued so far unknown (a test of token expiry or revocation). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
