import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { passcodeCard } from '../cards';
import { pickLocale } from '../i18n';
import type { Logger } from '../log';
import type { ConversationStore } from '../notify/ports';
import { PersonalChatGone, type PasscodeMessenger } from '../reset/ports';
import type { ResetRequest } from '../reset/request';
import { connectorFailureOf } from './connector-errors';
import { cardMessage } from './pin-reset-bot';

/**
 * Sends the temporary passcode as a message of its own into the requester's personal chat,
 * directly (it must not be stored, so it cannot wait in the outbox), and later replaces it with
 * a "hidden" text. The conversation must be the personal chat the request was made in.
 */
export class TeamsPasscodeMessenger implements PasscodeMessenger {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly botAppId: string,
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
  ) {}

  async showPasscode(request: ResetRequest, passcode: string): Promise<string | undefined> {
    const activityId = await sendInPersonalChat(this.chatOf(request), cardMessage(passcodeCard(pickLocale(request.locale), request, passcode))).catch((error: unknown) => {
      throw chatGoneOrAsIs(error);
    });
    this.log.info('temporary passcode shown', { requestId: request.id });
    return activityId;
  }

  async hidePasscode(request: ResetRequest): Promise<void> {
    const activityId = request.passcodeActivityId;
    if (!activityId) return;
    await replaceInPersonalChat(this.chatOf(request), activityId, cardMessage(passcodeCard(pickLocale(request.locale), request, null)));
    this.log.info('temporary passcode hidden', { requestId: request.id });
  }

  private chatOf(request: ResetRequest): PersonalChat {
    const { adapter, botAppId, conversations } = this;
    return { adapter, botAppId, conversations, conversationId: request.conversationId };
  }
}

type TurnLogic = (context: TurnContext) => Promise<void>;

/** A stored personal chat and how to reach it. */
export interface PersonalChat {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  botAppId: string;
  conversations: Pick<ConversationStore, 'conversation'>;
  conversationId: string;
}

/**
 * A secret's own message (the temporary passcode, the recovery key): sent as a new message in the
 * personal chat, never through the outbox (which is stored). Returns the id to replace it by later.
 */
export async function sendInPersonalChat(chat: PersonalChat, message: Partial<Activity>): Promise<string | undefined> {
  let activityId: string | undefined;
  await continueInPersonalChat(chat, async (context) => {
    activityId = (await context.sendActivity(message))?.id;
  });
  return activityId;
}

/** Replaces message `activityId` of the personal chat, e.g. with the card that no longer shows the secret. */
export async function replaceInPersonalChat(chat: PersonalChat, activityId: string, message: Partial<Activity>): Promise<void> {
  await continueInPersonalChat(chat, async (context) => {
    await context.updateActivity({ ...message, id: activityId });
  });
}

/**
 * Runs `logic` in the stored personal chat `conversationId`, or throws: never falls back to another
 * conversation, because what it sends (a passcode, a recovery key) must not land anywhere else.
 */
export async function continueInPersonalChat(target: PersonalChat, logic: TurnLogic): Promise<void> {
  const conversation = await target.conversations.conversation(target.conversationId);
  if (!conversation || conversation.kind !== 'personal') throw new PersonalChatGone('the personal chat to send to is unknown');
  const reference = JSON.parse(conversation.referenceJson) as Partial<ConversationReference>;
  // CloudAdapter runs the logic inside its middleware, whose onTurnError (src/bot/adapter.ts) would
  // log and swallow a failure: a hide Teams refused would then count as done and never be retried,
  // and a refused send would look delivered. So the failure is carried out of the turn and thrown
  // here, to the caller that decides (as TeamsDelivery.inTurn does).
  const box: { failed?: { error: unknown } } = {};
  await target.adapter.continueConversationAsync(target.botAppId, reference, async (context) => {
    try {
      await logic(context);
    } catch (error: unknown) {
      box.failed = { error };
    }
  });
  if (box.failed) throw box.failed.error;
}

/** Teams' answers that say the chat is gone for good (src/notify/delivery-failure.ts classifies them). */
const CHAT_GONE: ReadonlySet<string> = new Set(['botNotInstalled', 'notFound', 'forbidden']);

function chatGoneOrAsIs(error: unknown): unknown {
  const reason = connectorFailureOf(error, new Date())?.reason;
  return reason !== undefined && CHAT_GONE.has(reason) ? new PersonalChatGone(`the personal chat cannot be reached (${reason})`, { cause: error }) : error;
}
