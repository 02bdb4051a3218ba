// Step-up before a passcode reset is confirmed (REQUIRE_FRESH_SIGNIN=true): the user's token from
// the Azure Bot's OAuth connection must show an Entra sign-in of the last few minutes. The bot
// asks the gate on confirmReset and shows its card instead of confirming when it says so.
import { CloudAdapterBase, type Activity, type SignInUrlResponse, type TokenResponse, type TurnContext } from 'botbuilder';
import { UserTokenClient } from 'botframework-connector';
import { z } from 'zod';
import type { AdaptiveCard } from '../cards';
import { pickLocale, t, type Locale } from '../i18n';
import type { Logger } from '../log';
import { isFreshSignIn } from '../reset/fresh-signin';
import type { Clock } from '../reset/ports';
import { OpenIdKeyCache, verifySsoToken } from './fresh-signin-token';

/**
 * The two token service calls the gate makes; UserTokenClient (botframework-connector) has them.
 * Method syntax on purpose: the magic code and final redirect are optional in the service, though
 * UserTokenClient's signature spells them as required strings.
 */
export interface UserTokens {
  getUserToken(userId: string, connectionName: string, channelId: string, magicCode?: string): Promise<TokenResponse | null | undefined>;
  getSignInResource(connectionName: string, activity: Activity, finalRedirect?: string): Promise<SignInUrlResponse | null | undefined>;
}

export interface FreshSignInGateOptions {
  connectionName: string;
  maxAgeMs: number;
  metadataUrl: string;
  tenantId: string;
  audience: string;
  clock: Clock;
  log: Logger;
  keys?: OpenIdKeyCache;
}

export type FreshSignInCheck = { kind: 'fresh' } | { kind: 'signInNeeded'; card: AdaptiveCard };

/** What the sign-in is for: the card says so and offers that same click again afterwards. */
export type FreshSignInPurpose = 'confirmReset' | 'showPasscodeAgain';

/**
 * The decision without a card, for a feature that words its own: on `fresh`, the user's token from
 * the OAuth connection (verified, recent sign-in) — to be used at once, never stored or logged.
 */
export type FreshSignIn = { kind: 'fresh'; userToken: string } | { kind: 'signInNeeded'; signInLink: string | undefined };

/** Why a sign-in is asked for: logged, never shown (the card words it the same for every case). */
type SignInReason = 'noToken' | 'tokenServiceFailed' | 'tokenRefused' | 'otherUser' | 'stale' | 'missingAuthTime';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the confirm click may carry: the request, and the code the token service's page shows after sign-in. */
const ClickData = z.object({
  action: z.object({ data: z.object({ requestId: z.string().regex(GUID).optional(), signInCode: z.string().trim().optional() }).optional() }),
});

export class FreshSignInGate {
  private readonly keys: OpenIdKeyCache;

  constructor(private readonly options: FreshSignInGateOptions) {
    this.keys = options.keys ?? new OpenIdKeyCache();
  }

  /** Fails closed: whatever goes wrong (token service down, token refused), the user is asked to sign in. */
  async check(
    context: TurnContext,
    locale: Locale = pickLocale(context.activity.locale),
    purpose: FreshSignInPurpose = 'confirmReset',
  ): Promise<FreshSignInCheck> {
    const decision = await this.signIn(context);
    if (decision.kind === 'fresh') return { kind: 'fresh' };
    const { requestId } = clickOf(context.activity);
    return { kind: 'signInNeeded', card: freshSignInCard(locale, { signInLink: decision.signInLink, requestId, maxAgeMs: this.options.maxAgeMs, purpose }) };
  }

  /** How long a sign-in counts as fresh (for the wording of a feature's own sign-in card). */
  get maxAgeMs(): number {
    return this.options.maxAgeMs;
  }

  /** Fails closed like `check`; on `fresh` hands over the verified token (see FreshSignIn). */
  async signIn(context: TurnContext): Promise<FreshSignIn> {
    const tokens = userTokensOf(context);
    const click = clickOf(context.activity);
    const decision = await this.reasonToSignIn(context.activity, tokens, click.signInCode);
    if (decision.kind === 'fresh') return decision;
    this.options.log.info('fresh sign-in asked for', { reason: decision.reason });
    return { kind: 'signInNeeded', signInLink: await this.signInLinkFor(context.activity, tokens) };
  }

  /** The token service's sign-in link for this user, e.g. when a token was fresh but Entra refused it later. */
  async signInLink(context: TurnContext): Promise<string | undefined> {
    return this.signInLinkFor(context.activity, userTokensOf(context));
  }

  private async reasonToSignIn(
    activity: Activity,
    tokens: UserTokens,
    signInCode: string | undefined,
  ): Promise<{ kind: 'fresh'; userToken: string } | { kind: 'stale'; reason: SignInReason }> {
    const refuse = (reason: SignInReason) => ({ kind: 'stale' as const, reason });
    const { connectionName, log } = this.options;
    // Parsed activities always name the user; without one there is nobody whose sign-in could count.
    const userId: string | undefined = activity.from?.id;
    if (!userId) return refuse('noToken');
    let response: TokenResponse | null | undefined;
    try {
      response = await tokens.getUserToken(userId, connectionName, activity.channelId, signInCode);
    } catch (error: unknown) {
      log.warn('token service failed', { error });
      return refuse('tokenServiceFailed');
    }
    if (!response?.token) return refuse('noToken');
    const now = this.options.clock.now();
    const verified = await verifySsoToken(response.token, { ...this.options, now }, this.keys);
    if (verified.kind === 'invalid') {
      log.warn('user token refused', { reason: verified.reason, detail: verified.detail });
      return refuse('tokenRefused');
    }
    // The token service keys tokens by Teams user id; the Entra object id must agree with the activity's.
    const oid = verified.claims.oid?.toLowerCase();
    if (!oid || oid !== activity.from.aadObjectId?.toLowerCase()) return refuse('otherUser');
    const freshness = isFreshSignIn(verified.claims, now, this.options.maxAgeMs);
    if (freshness === 'fresh') return { kind: 'fresh', userToken: response.token };
    return refuse(freshness === 'stale' ? 'stale' : 'missingAuthTime');
  }

  private async signInLinkFor(activity: Activity, tokens: UserTokens): Promise<string | undefined> {
    try {
      const resource = await tokens.getSignInResource(this.options.connectionName, activity);
      return resource?.signInLink;
    } catch (error: unknown) {
      this.options.log.warn('no sign-in link from the token service', { error });
      return undefined;
    }
  }
}

function userTokensOf(context: TurnContext): UserTokens {
  const adapter = context.adapter;
  const client: unknown = adapter instanceof CloudAdapterBase ? context.turnState.get(adapter.UserTokenClientKey) : undefined;
  if (client instanceof UserTokenClient) return client;
  throw new Error('no UserTokenClient on this turn: fresh sign-in needs CloudAdapter and a bot app id');
}

function clickOf(activity: Activity): { requestId: string | undefined; signInCode: string | undefined } {
  const parsed = ClickData.safeParse(activity.value);
  const data = parsed.success ? parsed.data.action.data : undefined;
  // Token service codes are six digits; anything else is not worth sending.
  const code = data?.signInCode && /^\d{6}$/.test(data.signInCode) ? data.signInCode : undefined;
  return { requestId: data?.requestId, signInCode: code };
}

/** Adaptive Card 1.5: why, the sign-in link, a box for the code, and the confirm to press afterwards. */
export function freshSignInCard(
  locale: Locale,
  input: { signInLink: string | undefined; requestId: string | undefined; maxAgeMs: number; purpose?: FreshSignInPurpose },
): AdaptiveCard {
  const showAgain = input.purpose === 'showPasscodeAgain';
  const minutes = Math.max(1, Math.round(input.maxAgeMs / 60_000));
  const text = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
  const body: Record<string, unknown>[] = [
    text(t(locale, 'freshSignIn.title'), { style: 'heading', size: 'large', weight: 'bolder' }),
    text(t(locale, showAgain ? 'passcodeAgain.signInWhy' : 'freshSignIn.why')),
  ];
  const actions: Record<string, unknown>[] = [];
  if (input.signInLink) {
    body.push(text(t(locale, 'freshSignIn.rule', { minutes }), { isSubtle: true }), text(t(locale, showAgain ? 'passcodeAgain.signInSteps' : 'freshSignIn.steps')));
    body.push({ type: 'Input.Text', id: 'signInCode', label: t(locale, 'freshSignIn.codeLabel'), maxLength: 6 });
    actions.push({ type: 'Action.OpenUrl', title: t(locale, 'freshSignIn.signIn'), url: input.signInLink, style: 'positive' });
  } else {
    body.push(text(t(locale, 'freshSignIn.unavailable')));
  }
  if (input.requestId && showAgain) {
    actions.push({ type: 'Action.Execute', verb: 'showPasscodeAgain', title: t(locale, 'passcodeAgain.button'), data: { requestId: input.requestId } });
  } else if (input.requestId) {
    const data = { requestId: input.requestId };
    actions.push({ type: 'Action.Execute', verb: 'confirmReset', title: t(locale, 'freshSignIn.confirm'), data });
    actions.push({ type: 'Action.Execute', verb: 'cancelReset', title: t(locale, 'freshSignIn.cancel'), data });
  }
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: t(locale, showAgain ? 'passcodeAgain.signInWhy' : 'freshSignIn.fallback'),
    body,
    actions,
  };
}
