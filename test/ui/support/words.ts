// The bot's own wording, from its message catalogs: the scenarios look for what a person reads.
import { t, type PlainKey } from '../../../src/i18n';

export const en = (key: PlainKey): string => t('en', key);
export const zhTW = (key: PlainKey): string => t('zh-TW', key);
