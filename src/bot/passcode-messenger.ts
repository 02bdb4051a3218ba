import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { passcodeCard } from '../cards';
import { pickLocale } from '../i18n';
import type { Logger } from '../log';
import type { ConversationStore } from '../notify/ports';
import type { PasscodeMessenger } from '../reset/ports';
import type { ResetRequest } from '../reset/request';
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
    let activityId: string | undefined;
    await this.inPersonalChat(request, async (context) => {
      const sent = await context.sendActivity(cardMessage(passcodeCard(pickLocale(request.locale), request, passcode)));
      activityId = sent?.id;
    });
    this.log.info('temporary passcode shown', { requestId: request.id });
    return activityId;
  }

  async hidePasscode(request: ResetRequest): Promise<void> {
    const activityId = request.passcodeActivityId;
    if (!activityId) return;
    await this.inPersonalChat(request, async (context) => {
      await context.updateActivity({ ...cardMessage(passcodeCard(pickLocale(request.locale), request, null)), id: activityId });
    });
    this.log.info('temporary passcode hidden', { requestId: request.id });
  }

  private async inPersonalChat(request: ResetRequest, logic: TurnLogic): Promise<void> {
    const { adapter, botAppId, conversations } = this;
    await continueInPersonalChat({ adapter, botAppId, conversations, conversationId: request.conversationId }, logic);
  }
}

type TurnLogic = Parameters<CloudAdapter['continueConversationAsync']>[2];

/**
 * Runs `logic` in the stored personal chat `conversationId`, or throws: never falls back to another
 * conversation, because what it sends (a passcode, a recovery key) must not land anywhere else.
 */
export async function continueInPersonalChat(
  target: {
    adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
    botAppId: string;
    conversations: Pick<ConversationStore, 'conversation'>;
    conversationId: string;
  },
  logic: TurnLogic,
): Promise<void> {
  const conversation = await target.conversations.conversation(target.conversationId);
  if (!conversation || conversation.kind !== 'personal') throw new Error('the personal chat to send to is unknown');
  const reference = JSON.parse(conversation.referenceJson) as Partial<ConversationReference>;
  await target.adapter.continueConversationAsync(target.botAppId, reference, logic);
}
