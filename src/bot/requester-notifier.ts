import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { pickLocale } from '../i18n';
import type { Logger } from '../log';
import type { ConversationStore } from '../notify/ports';
import type { RequesterNotifier } from '../reset/ports';
import type { ResetRequest } from '../reset/request';
import { cardMessage } from './pin-reset-bot';
import { requestCard } from './views';

/**
 * Shows a request's progress in the requester's personal chat by replacing the card they clicked
 * (updateActivity), after the invoke that started the work has long been answered. The passcode
 * travels only in this card update, to the requester's own personal conversation.
 */
export class TeamsRequesterNotifier implements RequesterNotifier {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly botAppId: string,
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
  ) {}

  async showRequest(request: ResetRequest, extra: { passcode?: string; passcodeHidden?: boolean } = {}): Promise<void> {
    const conversation = await this.conversations.conversation(request.conversationId);
    if (!conversation || conversation.kind !== 'personal') {
      this.log.warn('no personal conversation to update', { requestId: request.id });
      return;
    }
    const reference = JSON.parse(conversation.referenceJson) as Partial<ConversationReference>;
    const message = cardMessage(requestCard(pickLocale(request.locale), request, extra));
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      if (request.cardActivityId) {
        await context.updateActivity({ ...message, id: request.cardActivityId });
      } else {
        await context.sendActivity(message);
      }
    });
    this.log.info('requester card updated', { requestId: request.id, state: request.state });
  }
}
