import type { CloudAdapter } from 'botbuilder';
import { recoveryKeyCard } from '../cards';
import { pickLocale } from '../i18n';
import type { ConversationStore } from '../notify/ports';
import type { RecoveryKeyMessenger, RecoveryKeyView } from '../recovery-key/ports';
import { replaceInPersonalChat, sendInPersonalChat, type PersonalChat } from './passcode-messenger';
import { cardMessage } from './pin-reset-bot';

/**
 * The BitLocker recovery key the way the temporary passcode travels (TeamsPasscodeMessenger): a
 * message of its own in the requester's stored personal chat, sent directly (never through the
 * outbox, which is stored), later replaced by the same card without the key.
 */
export class TeamsRecoveryKeyMessenger implements RecoveryKeyMessenger {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly botAppId: string,
    private readonly conversations: Pick<ConversationStore, 'conversation'>,
    private readonly visibleMs: number,
  ) {}

  async showRecoveryKey(conversationId: string, view: RecoveryKeyView, recoveryPassword: string): Promise<string | undefined> {
    return sendInPersonalChat(this.chat(conversationId), cardMessage(recoveryKeyCard(pickLocale(view.locale), view, recoveryPassword, this.minutes())));
  }

  async hideRecoveryKey(conversationId: string, messageId: string, view: RecoveryKeyView): Promise<void> {
    await replaceInPersonalChat(this.chat(conversationId), messageId, cardMessage(recoveryKeyCard(pickLocale(view.locale), view, null, this.minutes())));
  }

  private chat(conversationId: string): PersonalChat {
    return { adapter: this.adapter, botAppId: this.botAppId, conversations: this.conversations, conversationId };
  }

  private minutes(): number {
    return Math.max(1, Math.round(this.visibleMs / 60_000));
  }
}
