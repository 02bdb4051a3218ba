import assert from 'node:assert/strict';
import { pickLocale } from '../../src/i18n';

describe('choosing the language from the Teams activity locale', () => {
  const table: Array<[string | undefined, 'en' | 'zh-TW']> = [
    ['zh-TW', 'zh-TW'],
    ['zh-tw', 'zh-TW'],
    ['zh_TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-Hant-SG', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-CN', 'en'],
    ['zh-Hans', 'en'],
    ['zh-SG', 'en'],
    ['zh', 'en'],
    ['en-US', 'en'],
    ['ja-JP', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['not a locale!!', 'en'],
  ];
  for (const [activityLocale, expected] of table) {
    it(`answers ${JSON.stringify(activityLocale)} in ${expected}`, () => {
      assert.equal(pickLocale(activityLocale), expected);
    });
  }
});
