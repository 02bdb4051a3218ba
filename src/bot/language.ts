import { pickLocale, type Locale } from '../i18n';

const HAN = /\p{Script=Han}/u;
const MAX_REMEMBERED = 10_000;

/**
 * Which language to answer in. The activity's locale comes first; but a client that always says
 * en-US (the Agents Playground, some web clients) should not answer "忘記密碼" in English, so a
 * message written in Chinese switches that user to zh-TW, and card clicks (which carry no text)
 * keep the language of the user's last message. Memory only: after a restart the locale rules.
 */
export class LanguageChooser {
  private readonly lastByUser = new Map<string, Locale>();

  forMessage(userId: string, activityLocale: string | undefined, text: string): Locale {
    const fromActivity = pickLocale(activityLocale);
    const locale = fromActivity === 'en' && HAN.test(text) ? 'zh-TW' : fromActivity;
    this.remember(userId, locale);
    return locale;
  }

  forClick(userId: string, activityLocale: string | undefined): Locale {
    const fromActivity = pickLocale(activityLocale);
    return fromActivity !== 'en' ? fromActivity : (this.lastByUser.get(userId) ?? fromActivity);
  }

  private remember(userId: string, locale: Locale): void {
    this.lastByUser.delete(userId);
    this.lastByUser.set(userId, locale);
    if (this.lastByUser.size > MAX_REMEMBERED) {
      const oldest = this.lastByUser.keys().next().value;
      if (oldest !== undefined) this.lastByUser.delete(oldest);
    }
  }
}
