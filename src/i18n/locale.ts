// Which of our catalogs a Teams activity gets. Teams sends BCP 47 tags such as "en-US",
// "zh-TW" or "zh-tw"; some clients send underscores.

export type Locale = 'en' | 'zh-TW';

export const LOCALES: readonly Locale[] = ['en', 'zh-TW'];

/**
 * Traditional Chinese (Taiwan, Hong Kong, Macau, any zh-Hant tag) → zh-TW; everything else,
 * Simplified Chinese included, → en. `Intl.Locale#maximize` fills in the script, so zh-HK
 * becomes zh-Hant-HK and zh-CN / bare zh become zh-Hans-…, without a hand-kept region list.
 */
export function pickLocale(activityLocale: string | undefined): Locale {
  const tag = activityLocale?.trim().replace(/_/g, '-');
  if (!tag) return 'en';
  // Every activity carries a locale and Intl.Locale#maximize is costly; the answer per tag never changes.
  let picked = PICKED.get(tag);
  if (picked === undefined) {
    const full = maximized(tag);
    picked = full?.language === 'zh' && full.script === 'Hant' ? 'zh-TW' : 'en';
    // Tags come from clients: bounded so that made-up ones cannot grow the map without end.
    if (PICKED.size < MAX_REMEMBERED_TAGS) PICKED.set(tag, picked);
  }
  return picked;
}

const MAX_REMEMBERED_TAGS = 500;
const PICKED = new Map<string, Locale>();

function maximized(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag).maximize();
  } catch (error: unknown) {
    // A malformed tag from a client is not worth failing a message over: English it is.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
