import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards';
import { accountPasswordCard, helpCard, personalChatOnlyCard, problemCard, recoveryKeyRefusalCard, statusCard, whichPasswordCard } from '../cards';
import { recognizeIntent, type Intent, type Locale } from '../i18n';
import type { Logger } from '../log';
import type { ConversationStore } from '../notify/ports';
import type { Requester, ResetApp } from '../reset';
import type { Clock } from '../reset/ports';
import type { Problem } from '../reset/problems';
import { IncomingActivity, parseCardAction, scopeOf, tenantOf, type CardAction } from './activity';
import type { ApprovalHandlers } from './approval-handlers';
import type { FreshSignInGate } from './fresh-signin';
import { RecentlySavedConversations, rememberConversation } from './conversations';
import { isRecoveryKeyVerb, parseRecoveryKeyAction, type RecoveryKeyHandlers } from './recovery-key-handlers';
import { LanguageChooser } from './language';
import { PerPersonLimit } from './message-limit';
import { passcodeAgainCard, startCard, stepCard } from './views';

export interface BotOptions {
  app: ResetApp;
  approvals: Pick<ApprovalHandlers, 'onCardAction' | 'onChannelCommand'>;
  /** With REQUIRE_FRESH_SIGNIN: a confirm, and showing a passcode again, need a recent Entra sign-in. */
  freshSignIn?: Pick<FreshSignInGate, 'check'>;
  conversations: ConversationStore;
  /** The BitLocker recovery key (RECOVERY_KEY_POLICY); absent = off. */
  recoveryKeys?: RecoveryKeyHandlers;
  allowedTenantIds: readonly string[];
  /** MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: messages and clicks that reach Graph, per person. */
  maxGraphMessagesPerMinute: number;
  botAppId: string;
  /** SSPR_URL: where "my work account password" sends the user. */
  passwordResetUrl: string;
  clock: Clock;
  log: Logger;
}

type Caller = { kind: 'ok'; requester: Requester; locale: Locale } | { kind: 'refused'; problem: Problem; locale: Locale };

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Message intents that cost a Graph request (devices, membership, people search). */
const GRAPH_INTENTS: ReadonlySet<Intent['kind']> = new Set(['reset', 'pending', 'history', 'useChannelForApprovals', 'recoveryKey']);
/** Clicks that cost a Graph request (devices, membership, manager). */
const GRAPH_VERBS: ReadonlySet<CardAction['verb']> = new Set([
  'startReset',
  'chooseDevice',
  'confirmReset',
  'approveRequest',
  'rejectRequest',
  'refreshApproval',
  'showPasscodeAgain',
]);

/**
 * Teams routing only: who is asking, from where, and which card answers. Every decision about
 * requests and devices is made in src/reset; this class never talks to Graph.
 */
export class PinResetBot {
  private readonly language = new LanguageChooser();
  private readonly recentlySaved: RecentlySavedConversations;
  private readonly graphLimit: PerPersonLimit;

  constructor(private readonly options: BotOptions) {
    this.recentlySaved = new RecentlySavedConversations(options.clock);
    this.graphLimit = new PerPersonLimit(options.maxGraphMessagesPerMinute, options.clock);
  }

  async run(context: TurnContext): Promise<void> {
    const parsed = IncomingActivity.safeParse(context.activity);
    if (!parsed.success) {
      this.options.log.warn('activity ignored: unexpected shape', { issues: parsed.error.issues.length });
      if (context.activity.type === 'invoke') await this.answerInvoke(context, 400, undefined);
      return;
    }
    const activity = parsed.data;
    switch (activity.type) {
      case 'message':
        return this.onMessage(context, activity);
      case 'invoke':
        return this.onInvoke(context, activity);
      case 'installationUpdate':
      case 'conversationUpdate':
        return rememberConversation(context, activity, this.options);
      default:
        return;
    }
  }

  private async onMessage(context: TurnContext, activity: IncomingActivity): Promise<void> {
    const caller = this.identify(activity);
    if (caller.kind === 'refused') return this.say(context, problemCard(caller.locale, caller.problem));
    const intent = recognizeIntent(activity.text ?? '');
    if (GRAPH_INTENTS.has(intent.kind) && !this.graphLimit.take(caller.requester.aadObjectId)) {
      return this.say(context, this.slowDown(caller.locale));
    }
    if (scopeOf(activity) !== 'personal') {
      if (intent.kind === 'useChannelForApprovals' || intent.kind === 'pending' || intent.kind === 'history') {
        return this.say(context, await this.options.approvals.onChannelCommand(caller.locale, caller.requester, activity, intent));
      }
      return this.say(context, this.personalChatOnly(caller.locale));
    }
    await rememberConversation(context, activity, { ...this.options, recentlySaved: this.recentlySaved });
    switch (intent.kind) {
      case 'reset':
        return this.startReset(context, caller);
      case 'whichPassword':
        // No device list yet: it may be the work account password (README "Which password?").
        return this.say(context, whichPasswordCard(caller.locale));
      case 'pending':
      case 'history':
        // A helpdesk member's own chat with the bot is a private place to ask (the handler checks membership).
        return this.say(context, await this.options.approvals.onChannelCommand(caller.locale, caller.requester, activity, intent));
      case 'recoveryKey':
        return this.say(context, await this.recoveryKeyStart(caller));
      case 'status':
      case 'cancel':
        return this.say(context, statusCard(caller.locale, await this.options.app.requests.openRequestsOf(caller.requester)));
      default:
        return this.say(context, helpCard(caller.locale, { recoveryKey: this.cardOptions().offerRecoveryKey }));
    }
  }

  private async startReset(context: TurnContext, caller: Extract<Caller, { kind: 'ok' }>): Promise<void> {
    const outcome = await this.options.app.requests.requestReset(caller.requester);
    // The message that holds the card is remembered on the first click, from the invoke's replyToId
    // (Confirmations.confirm), as for an offer shown in place of the picker: nothing updates a
    // request awaiting confirmation before a click, so a store write here would only cost a turn.
    await this.reply(context, startCard(caller.locale, outcome, this.options.clock.now(), this.cardOptions()));
  }

  private async onInvoke(context: TurnContext, activity: IncomingActivity): Promise<void> {
    if (activity.name !== 'adaptiveCard/action') return this.answerInvoke(context, 501, undefined);
    const caller = this.identify(activity);
    if (caller.kind === 'refused') return this.answerInvoke(context, 200, problemCard(caller.locale, caller.problem));
    if (isRecoveryKeyVerb(activity.value)) {
      // Every recovery-key click reads Intune (and Entra through the user's token).
      if (!this.graphLimit.take(caller.requester.aadObjectId)) return this.answerInvoke(context, 200, this.slowDown(caller.locale));
      if (scopeOf(activity) !== 'personal') return this.answerInvoke(context, 200, this.personalChatOnly(caller.locale));
      return this.answerInvoke(context, 200, await this.onRecoveryKeyAction(context, caller, activity.value));
    }
    const action = parseCardAction(activity.value);
    if (!action) return this.answerInvoke(context, 200, problemCard(caller.locale, { kind: 'invalidAction' }));
    if (GRAPH_VERBS.has(action.verb) && !this.graphLimit.take(caller.requester.aadObjectId)) {
      return this.answerInvoke(context, 200, this.slowDown(caller.locale));
    }
    if (action.verb === 'approveRequest' || action.verb === 'rejectRequest' || action.verb === 'refreshApproval') {
      return this.answerInvoke(context, 200, await this.options.approvals.onCardAction(caller.locale, caller.requester, action));
    }
    if (scopeOf(activity) !== 'personal') return this.answerInvoke(context, 200, this.personalChatOnly(caller.locale));
    // A confirm acts on the device and "show again" reveals a passcode: both need a recent sign-in.
    if ((action.verb === 'confirmReset' || action.verb === 'showPasscodeAgain') && this.options.freshSignIn) {
      const gate = await this.options.freshSignIn.check(context, caller.locale, action.verb);
      if (gate.kind === 'signInNeeded') return this.answerInvoke(context, 200, gate.card);
    }
    const card = await this.cardForAction(caller, action, activity.replyToId);
    return this.answerInvoke(context, 200, card);
  }

  private async cardForAction(
    caller: Extract<Caller, { kind: 'ok' }>,
    action: Exclude<CardAction, { verb: 'approveRequest' | 'rejectRequest' | 'refreshApproval' }>,
    cardActivityId: string | undefined,
  ): Promise<AdaptiveCard> {
    const { app, clock } = this.options;
    const { requester, locale } = caller;
    switch (action.verb) {
      case 'startReset':
        return startCard(locale, await app.requests.requestReset(requester), clock.now(), this.cardOptions());
      case 'chooseDevice':
        return startCard(locale, await app.requests.chooseDevice(requester, action.deviceId), clock.now(), this.cardOptions());
      case 'confirmReset':
        return stepCard(locale, await app.confirmations.confirm(requester, action.requestId, cardActivityId));
      case 'cancelReset':
        return stepCard(locale, await app.confirmations.cancel(requester, action.requestId));
      case 'showStatus':
        return statusCard(locale, await app.requests.openRequestsOf(requester));
      case 'showPasscodeAgain':
        return passcodeAgainCard(locale, await app.passcodeAgain.showAgain(requester, action.requestId, cardActivityId));
      case 'showAccountPasswordReset':
        // The work account password is Entra's, not Intune's: no Graph call, no device list.
        return accountPasswordCard(locale, this.options.passwordResetUrl);
      default: {
        const unknownVerb: never = action;
        throw new Error(`unhandled verb ${JSON.stringify(unknownVerb)}`);
      }
    }
  }

  private cardOptions(): { offerRecoveryKey: boolean } {
    return { offerRecoveryKey: this.options.recoveryKeys?.enabled ?? false };
  }

  private async recoveryKeyStart(caller: Extract<Caller, { kind: 'ok' }>): Promise<AdaptiveCard> {
    const handlers = this.options.recoveryKeys;
    return handlers ? handlers.start(caller.locale, caller.requester) : recoveryKeyRefusalCard(caller.locale, { kind: 'off' });
  }

  private async onRecoveryKeyAction(context: TurnContext, caller: Extract<Caller, { kind: 'ok' }>, value: unknown): Promise<AdaptiveCard> {
    const action = parseRecoveryKeyAction(value);
    if (!action) return problemCard(caller.locale, { kind: 'invalidAction' });
    const handlers = this.options.recoveryKeys;
    if (!handlers) return recoveryKeyRefusalCard(caller.locale, { kind: 'off' });
    return handlers.onAction(context, caller.locale, caller.requester, action);
  }

  /** Tenant and identity come from the activity the channel signed, never from text or card data. */
  private identify(activity: IncomingActivity): Caller {
    const userKey = activity.from?.aadObjectId ?? activity.from?.id ?? '';
    const locale =
      activity.type === 'message'
        ? this.language.forMessage(userKey, activity.locale, activity.text ?? '')
        : this.language.forClick(userKey, activity.locale);
    const tenantId = tenantOf(activity);
    if (!tenantId || !this.options.allowedTenantIds.includes(tenantId)) {
      this.options.log.warn('activity from a tenant that is not allowed', { tenantId: tenantId ?? '(missing or inconsistent)' });
      return { kind: 'refused', problem: { kind: 'tenantNotAllowed' }, locale };
    }
    const aadObjectId = activity.from?.aadObjectId?.trim();
    if (!aadObjectId) return { kind: 'refused', problem: { kind: 'missingIdentity' }, locale };
    const requester: Requester = {
      tenantId,
      aadObjectId: aadObjectId.toLowerCase(),
      name: activity.from?.name ?? '',
      locale,
      conversationId: activity.conversation.id,
    };
    return { kind: 'ok', requester, locale };
  }

  private slowDown(locale: Locale): AdaptiveCard {
    return problemCard(locale, { kind: 'slowDown', limit: this.graphLimit.perMinute });
  }

  private personalChatOnly(locale: Locale): AdaptiveCard {
    const botId = this.options.botAppId ? `28:${this.options.botAppId}` : '';
    return personalChatOnlyCard(locale, `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}`);
  }

  private async say(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await this.reply(context, card);
  }

  private async reply(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
    const response = await context.sendActivity(cardMessage(card));
    return response?.id;
  }

  private async answerInvoke(context: TurnContext, status: number, card: AdaptiveCard | undefined): Promise<void> {
    const body = card ? { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } : undefined;
    await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
  }
}

export function cardMessage(card: AdaptiveCard): Partial<Activity> {
  const fallback = typeof card['fallbackText'] === 'string' ? card['fallbackText'] : undefined;
  return { type: 'message', text: undefined, summary: fallback, attachments: [CardFactory.adaptiveCard(card)] };
}

