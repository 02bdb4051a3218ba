// `t(locale, key, params)`: the only way wording reaches a card.
import { en, type MessageKey } from './catalog/en';
import { zhTW } from './catalog/zh-TW';
import { interpolate, type ParamValue, type PlaceholderOf } from './interpolate';
import type { Locale } from './locale';

export type { MessageKey };

type Source = typeof en;

/** The params a key needs, read from its English text. */
export type MessageParams<K extends MessageKey> = Record<PlaceholderOf<Source[K]>, ParamValue>;

/** Keys without placeholders: safe to choose in a switch and pass to `t` without params. */
export type PlainKey = { [K in MessageKey]: [PlaceholderOf<Source[K]>] extends [never] ? K : never }[MessageKey];

type ParamsArg<K extends MessageKey> = [PlaceholderOf<Source[K]>] extends [never] ? [] : [MessageParams<K>];

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, 'zh-TW': zhTW };

export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  const [values] = params;
  return interpolate(CATALOGS[locale][key], values ?? {});
}
