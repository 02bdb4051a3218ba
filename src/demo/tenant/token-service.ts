// A stand-in for the Bot Framework token service (token.botframework.com), for the demo only: the
// endpoints botframework-connector's UserTokenClient calls (TokenApiClient: GET
// api/usertoken/GetToken, GET api/botsignin/GetSignInResource) and the sign-in page its link opens.
// As the real service does for an Azure Bot OAuth connection, it hands the bot the user's token
// for the connection's app — here signed by the demo tenant's key, with a fresh auth_time — only
// after the person signed in in a browser and typed the page's magic code into the chat.
// It checks no bot credential: the bot talks to it only in local mode, where it has none (loopback only).
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, sendJson } from './http';
import { signInPage, signedInPage, type SignInPageUser } from './sign-in-page';
import type { SigningKey } from './signing-key';
import { TOKEN_LIFETIME_SECONDS, type TokenBook } from './tokens';

/** Sign-in links and magic codes are good for this long, as the real service's. */
const SIGN_IN_LIFETIME_MS = 10 * 60_000;

export interface TokenServiceOptions {
  /** The Azure Bot's OAuth connection setting this service knows. */
  connectionName: string;
  /** The app the user signs in to: the `aud` of the user's token (the bot's SSO app). */
  ssoAppId: string;
  tenantId: string;
  /** The tenant's issuer, as its OpenID metadata names it. */
  issuer: () => string;
  signingKey: SigningKey;
  tokens: TokenBook;
  users: (id: string) => SignInPageUser | undefined;
  /** Everyone who may sign in on the page (the demo tenant's people). */
  everyone: () => SignInPageUser[];
  /** "http://127.0.0.1:<port>", filled in once the server listens. */
  baseUrl: () => string;
}

/** UserTokenClient.createTokenExchangeState: base64 JSON with the connection and the conversation reference. */
const ExchangeState = z.object({
  connectionName: z.string(),
  conversation: z.object({ user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional() }), channelId: z.string().optional() }),
  msAppId: z.string().optional(),
});

interface SignInSession {
  /** The chat user (Teams id) the link was made for: only their GetToken may redeem the code. */
  chatUserId: string;
  aadObjectId: string | undefined;
  expiresAt: number;
}

interface IssuedUserToken {
  token: string;
  expiresAt: number;
}

/** What the sign-in page leaves behind: a token waiting for its code, for one chat user. */
interface PendingCode extends IssuedUserToken {
  code: string;
  codeExpiresAt: number;
}

export class DemoTokenService {
  private readonly sessions = new Map<string, SignInSession>();
  private readonly pending = new Map<string, PendingCode>();
  private readonly stored = new Map<string, IssuedUserToken>();

  constructor(private readonly opts: TokenServiceOptions) {}

  createServer(): http.Server {
    return http.createServer((req, res) => {
      this.answer(req, res).catch((error: unknown) => sendJson(res, 500, { error: { code: 'ServiceError', message: String(error) } }));
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://token-service');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case 'GET /api/botsignin/GetSignInResource':
        return this.signInResource(url, res);
      case 'GET /api/usertoken/GetToken':
        return this.getToken(url, res);
      case 'GET /api/oauth/signin':
        return this.showSignInPage(url, res);
      case 'POST /api/oauth/signin':
        return this.signIn(new URLSearchParams(await readBody(req)), res);
      default:
        return sendJson(res, 404, { error: { code: 'NotFound', message: `no such endpoint ${route}` } });
    }
  }

  private signInResource(url: URL, res: ServerResponse): void {
    const state = parseState(url.searchParams.get('state'));
    if (!state || state.connectionName !== this.opts.connectionName) {
      return sendJson(res, 400, { error: { code: 'BadArgument', message: 'unknown OAuth connection or malformed state' } });
    }
    const id = randomUUID();
    const { user } = state.conversation;
    this.sessions.set(id, { chatUserId: user.id, aadObjectId: user.aadObjectId, expiresAt: Date.now() + SIGN_IN_LIFETIME_MS });
    sendJson(res, 200, {
      signInLink: `${this.opts.baseUrl()}/api/oauth/signin?signin=${id}`,
      tokenExchangeResource: { id: randomUUID(), uri: `api://${this.opts.ssoAppId}`, providerId: 'demo-aad' },
    });
  }

  /** The token of (user, connection): a code from the page redeems the waiting one; otherwise the one held. */
  private getToken(url: URL, res: ServerResponse): void {
    const userId = url.searchParams.get('userId') ?? '';
    const connectionName = url.searchParams.get('connectionName') ?? '';
    const channelId = url.searchParams.get('channelId') ?? '';
    if (connectionName !== this.opts.connectionName) {
      return sendJson(res, 400, { error: { code: 'BadArgument', message: `no OAuth connection named ${connectionName}` } });
    }
    const code = url.searchParams.get('code');
    const now = Date.now();
    if (code) this.redeem(userId, code, now);
    const held = this.stored.get(userId);
    if (!held || held.expiresAt <= now) return sendJson(res, 404, { error: { code: 'NotFound', message: 'no token for this user' } });
    sendJson(res, 200, { channelId, connectionName, token: held.token, expiration: new Date(held.expiresAt).toISOString() });
  }

  /** One try per code: a wrong one throws the waiting token away, so a code cannot be guessed. */
  private redeem(userId: string, code: string, now: number): void {
    const waiting = this.pending.get(userId);
    if (!waiting) return;
    this.pending.delete(userId);
    if (waiting.codeExpiresAt > now && sameText(waiting.code, code)) this.stored.set(userId, waiting);
  }

  private showSignInPage(url: URL, res: ServerResponse): void {
    const id = url.searchParams.get('signin') ?? '';
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= Date.now()) return sendHtml(res, 404, signedInPage({ kind: 'expired' }));
    const everyone = this.opts.everyone();
    const suggested = everyone.find((u) => u.id.toLowerCase() === session.aadObjectId?.toLowerCase());
    sendHtml(res, 200, signInPage({ signInId: id, suggested, others: everyone.filter((u) => u !== suggested) }));
  }

  /** "Sign in as …" pressed: the tenant signs the user's token; the page shows the code for the chat. */
  private async signIn(form: URLSearchParams, res: ServerResponse): Promise<void> {
    const id = form.get('signin') ?? '';
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    const user = this.opts.users(form.get('user') ?? '');
    if (!session || session.expiresAt <= Date.now()) return sendHtml(res, 404, signedInPage({ kind: 'expired' }));
    if (!user) return sendHtml(res, 400, signedInPage({ kind: 'unknownUser' }));
    const issued = await this.issueUserToken(user);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.pending.set(session.chatUserId, { ...issued, code, codeExpiresAt: Date.now() + SIGN_IN_LIFETIME_MS });
    sendHtml(res, 200, signedInPage({ kind: 'code', code, user }));
  }

  /** An Entra v2 access token for the SSO app, as Teams SSO yields it: signed, fresh auth_time. */
  private async issueUserToken(user: SignInPageUser): Promise<IssuedUserToken> {
    const userId = user.id;
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = (now + TOKEN_LIFETIME_SECONDS) * 1000;
    const token = await this.opts.signingKey.sign({
      aud: this.opts.ssoAppId,
      iss: this.opts.issuer(),
      iat: now,
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
      auth_time: now,
      tid: this.opts.tenantId,
      oid: userId,
      sub: userId,
      name: user.displayName,
      preferred_username: user.userPrincipalName,
      scp: 'access_as_user',
      ver: '2.0',
    });
    // The tenant's token endpoint must know it to exchange it on behalf of the user.
    this.opts.tokens.remember(token, { kind: 'sso', clientId: this.opts.ssoAppId, userId, audience: this.opts.ssoAppId, authTime: now * 1000 }, expiresAt);
    return { token, expiresAt };
  }
}

function parseState(value: string | null): z.infer<typeof ExchangeState> | undefined {
  if (!value) return undefined;
  try {
    const parsed = ExchangeState.safeParse(JSON.parse(Buffer.from(value, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch (error: unknown) {
    // Not base64 JSON: a malformed state, answered 400 by the caller.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'Cache-Control': 'no-store',
  });
  res.end(html);
}
