import {
  ActivityTypes,
  Channels,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { AuthenticationConstants, ConnectorClient } from 'botframework-connector';
import { deliveryFailureFrom } from '../notify/delivery-failure';
import type {
  ConversationStore,
  DeliveredActivity,
  OutboxPayload,
  OutboxTarget,
  StoredConversation,
  TeamsDelivery as TeamsDeliveryPort,
} from '../notify/ports';
import type { Clock } from '../reset/ports';
import { connectorFailureOf } from './connector-errors';

export interface TeamsDeliveryDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'createConversationAsync'>;
  /** Empty in the local unauthenticated mode; the bot's Teams id is then "28:". */
  botAppId: string;
  conversations: ConversationStore;
  /** The serviceUrl of a channel's team (the approval channel's, as saved when it was chosen). */
  serviceUrlForChannel: (channelId: string) => Promise<string | undefined>;
  /**
   * The serviceUrl to create a user's first personal chat on: that of the tenant's newest stored
   * conversation. Teams serves a tenant from one regional serviceUrl; the ConversationStore port
   * cannot look conversations up by tenant, so the composition root answers this.
   */
  serviceUrlForTenant?: (tenantId: string) => Promise<string | undefined>;
  /** Default 'https://smba.trafficmanager.net/teams/' (it routes to the tenant's region). */
  defaultServiceUrl?: string;
  /**
   * OAuth scope of the tokens for creating a personal chat. createConversationAsync asks for it
   * where every other call uses the configured one; sovereign clouds pass
   * `botFrameworkAuthentication.getOriginatingAudience()`. Default: the public cloud's.
   */
  audience?: string;
  clock: Clock;
}

type Reference = Partial<ConversationReference>;

type TurnOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const THREAD_SEPARATOR = ';messageid=';

/**
 * Delivers outbox messages to Teams over CloudAdapter: into stored conversations, into a user's
 * personal chat (created by Entra object id when there is none yet), as new channel threads, and
 * as in-place updates. Every refusal leaves as a DeliveryFailure built by deliveryFailureFrom.
 */
export class TeamsDelivery implements TeamsDeliveryPort {
  private readonly defaultServiceUrl: string;
  private readonly audience: string;

  constructor(private readonly deps: TeamsDeliveryDeps) {
    this.defaultServiceUrl = deps.defaultServiceUrl ?? 'https://smba.trafficmanager.net/teams/';
    this.audience = deps.audience ?? AuthenticationConstants.ToChannelFromBotOAuthScope;
  }

  async send(target: OutboxTarget, payload: OutboxPayload): Promise<DeliveredActivity> {
    if (target.kind === 'conversation') return this.sendInto(await this.referenceFor(target.conversationId), payload);
    const chat = (await this.personalChatOf(target)) ?? (await this.createPersonalChat(target));
    return this.sendInto(referenceOf(chat), payload);
  }

  /**
   * Posts the payload as the root of a new thread. createConversationAsync hands its callback only
   * the new conversation id (as the activity id too), not the ConversationResourceResponse's
   * `activityId`; so the thread is created with the turn's own ConnectorClient, which answers both.
   */
  async newThread(channelId: string, payload: OutboxPayload): Promise<DeliveredActivity> {
    const channel = await this.deps.conversations.conversation(channelId);
    const reference = await this.channelReference(channelId, channelId, channel);
    const tenant = channel ? { tenant: { id: channel.tenantId } } : {};
    const parameters: ConversationParameters = {
      isGroup: true,
      bot: this.botAccount(),
      channelData: { channel: { id: channelId }, ...tenant },
      activity: outgoingActivity(payload),
      ...(channel ? { tenantId: channel.tenantId } : {}),
    };
    const created = await this.inTurn(
      (logic) => this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, logic),
      (context) => connectorOf(context).conversations.createConversation(parameters),
    );
    // Teams answers both; the thread id's ";messageid=" suffix is the root id should activityId be missing.
    const activityId = created.activityId || messageIdOf(created.id) || created.id;
    return { activityId, conversationId: created.id };
  }

  async update(conversationId: string, activityId: string, payload: OutboxPayload): Promise<void> {
    const reference = await this.referenceFor(conversationId);
    await this.inTurn(
      (logic) => this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, logic),
      (context) => context.updateActivity({ ...activityOf(payload), id: activityId }),
    );
  }

  private async sendInto(reference: Reference, payload: OutboxPayload): Promise<DeliveredActivity> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new TypeError('a conversation reference without a conversation id');
    const response = await this.inTurn(
      (logic) => this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, logic),
      (context) => context.sendActivity(activityOf(payload)),
    );
    // Teams always answers a send with the new id; without one the message cannot be updated later.
    if (!response?.id) throw new TypeError('Teams accepted a send without answering its activity id');
    return { activityId: response.id, conversationId };
  }

  /** A stored conversation, or a channel thread ("…;messageid=…") of a channel we can reach. */
  private async referenceFor(conversationId: string): Promise<Reference> {
    const stored = await this.deps.conversations.conversation(conversationId);
    if (stored) return referenceOf(stored);
    const separator = conversationId.indexOf(THREAD_SEPARATOR);
    if (separator > 0) {
      const channelId = conversationId.slice(0, separator);
      return this.channelReference(channelId, conversationId, await this.deps.conversations.conversation(channelId));
    }
    // Never saved, or dropped on uninstall: the same answer Teams gives for a conversation it lost.
    throw deliveryFailureFrom({ status: 404 }, this.deps.clock.now());
  }

  private async channelReference(channelId: string, conversationId: string, channel: StoredConversation | undefined): Promise<Reference> {
    const serviceUrl = (await this.deps.serviceUrlForChannel(channelId)) || channel?.serviceUrl || this.defaultServiceUrl;
    return {
      channelId: Channels.Msteams,
      serviceUrl,
      bot: this.botAccount(),
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', name: '', tenantId: channel?.tenantId },
    };
  }

  private async personalChatOf(target: Extract<OutboxTarget, { kind: 'user' }>): Promise<StoredConversation | undefined> {
    const chat = await this.deps.conversations.personalConversationOf(target.aadObjectId.toLowerCase());
    return chat && sameId(chat.tenantId, target.tenantId) ? chat : undefined;
  }

  /**
   * Creates (or, for a user who has one, gets back) the user's 1:1 chat with the bot and stores it
   * before anything is sent into it, so a send that fails afterwards is retried into the same chat.
   * A user without the app answers 403 BotNotInConversationRoster (→ 'botNotInstalled').
   */
  private async createPersonalChat(target: Extract<OutboxTarget, { kind: 'user' }>): Promise<StoredConversation> {
    const serviceUrl = (await this.deps.serviceUrlForTenant?.(target.tenantId)) || this.defaultServiceUrl;
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: this.botAccount(),
      members: [{ id: target.aadObjectId, name: '' }],
      tenantId: target.tenantId,
      channelData: { tenant: { id: target.tenantId } },
    };
    const reference = await this.inTurn(
      (logic) => this.deps.adapter.createConversationAsync(this.deps.botAppId, Channels.Msteams, serviceUrl, this.audience, parameters, logic),
      async (context) => TurnContext.getConversationReference(context.activity),
    );
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new TypeError('Teams created a conversation without answering its id');
    const chat: StoredConversation = {
      conversationId,
      kind: 'personal',
      tenantId: target.tenantId,
      serviceUrl,
      userAadObjectId: target.aadObjectId.toLowerCase(),
      // The create turn's activity id is the conversation id, not a message to reply to.
      referenceJson: JSON.stringify({ ...reference, activityId: undefined, conversation: { ...reference.conversation, conversationType: 'personal' } }),
      updatedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.conversations.saveConversation(chat);
    return chat;
  }

  /**
   * Runs `work` in a proactive turn and answers its result, or throws its failure as a
   * DeliveryFailure. botbuilder hands an error thrown inside a turn to `adapter.onTurnError`,
   * which logs it and lets the call resolve as if it had worked; so the error is caught inside
   * the turn and thrown again outside it.
   */
  private async inTurn<T>(
    start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
    work: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const box: { outcome?: TurnOutcome<T> } = {};
    try {
      await start(async (context) => {
        try {
          box.outcome = { ok: true, value: await work(context) };
        } catch (error) {
          box.outcome = { ok: false, error };
        }
      });
    } catch (error) {
      // Failures before the turn starts: creating the conversation, getting a token.
      throw this.failureOf(error);
    }
    if (box.outcome === undefined) throw new Error('a middleware ended the proactive turn before it ran');
    if (!box.outcome.ok) throw this.failureOf(box.outcome.error);
    return box.outcome.value;
  }

  private failureOf(error: unknown): unknown {
    return connectorFailureOf(error, this.deps.clock.now()) ?? error;
  }

  private botAccount(): ChannelAccount {
    return { id: `28:${this.deps.botAppId}`, name: '' };
  }
}

function referenceOf(conversation: StoredConversation): Reference {
  const parsed: unknown = JSON.parse(conversation.referenceJson);
  if (!isReference(parsed)) throw new TypeError('a stored conversation reference without a conversation id');
  return { ...parsed, serviceUrl: parsed.serviceUrl || conversation.serviceUrl };
}

/** The fields of a Bot Framework conversation reference a proactive turn cannot do without. */
function isReference(value: unknown): value is Reference {
  if (typeof value !== 'object' || value === null || !('conversation' in value)) return false;
  const { conversation } = value;
  return typeof conversation === 'object' && conversation !== null && 'id' in conversation && typeof conversation.id === 'string';
}

function activityOf(payload: OutboxPayload): Partial<Activity> {
  return { type: ActivityTypes.Message, ...payload };
}

/**
 * The payload as the first message of a new thread. ConversationParameters types it as a complete
 * inbound Activity (callerId, listenFor, …) that no outgoing message has; the connector sends only
 * the fields that are set.
 */
function outgoingActivity(payload: OutboxPayload): Activity {
  return activityOf(payload) as Activity;
}

function connectorOf(context: TurnContext): ConnectorClient {
  const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  if (!(client instanceof ConnectorClient)) throw new TypeError('the proactive turn carries no ConnectorClient');
  return client;
}

function messageIdOf(conversationId: string): string | undefined {
  const at = conversationId.indexOf(THREAD_SEPARATOR);
  return at < 0 ? undefined : conversationId.slice(at + THREAD_SEPARATOR.length) || undefined;
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
