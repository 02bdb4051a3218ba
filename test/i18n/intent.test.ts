import assert from 'node:assert/strict';
import { cleanUserText, recognizeIntent, type Intent } from '../../src/i18n';

function expectAll(kind: Intent['kind'], phrases: readonly string[]): void {
  for (const phrase of phrases) {
    it(`reads ${JSON.stringify(phrase)} as ${kind}`, () => {
      assert.deepEqual(recognizeIntent(phrase), { kind });
    });
  }
}

describe('recognising what a message asks for', () => {
  describe('a reset, in English', () => {
    expectAll('reset', [
      'reset my PIN',
      'reset pin',
      'Reset my passcode',
      'forgot my passcode',
      'I forgot my PIN',
      "I can't remember my PIN!",
      'unlock my phone',
      "I'm locked out of my iPad",
      'remove passcode',
      'please reset my PIN',
      'help me reset my PIN',
      'How do I reset my PIN?',
      'I forgot my phone password',
      'reset',
      'unlock my iPad',
      'I forgot the passcode of my Android tablet',
      'forgot my screen lock',
    ]);
  });

  describe('a reset, in Traditional and Simplified Chinese', () => {
    expectAll('reset', [
      '重設我的 PIN',
      '重設 PIN',
      '重設pin',
      '我忘記 PIN 了',
      '解鎖手機',
      '我的手機被鎖住了',
      '解锁手机',
      '忘記手機密碼',
      '忘记手机密码',
      '螢幕鎖定密碼忘了',
      '我忘了 iPhone 的密碼',
      '平板密碼忘記了',
      '裝置密碼不記得了',
      '解鎖密碼忘了',
      '忘記 PIN 碼',
    ]);
  });

  // "忘記密碼" is the label of the "Forgot my password" link on the Microsoft (Entra) sign-in page in
  // zh-TW, which opens self-service password reset for the WORK ACCOUNT (Microsoft Learn, "Reset
  // your work or school password"). Without a device word these must ask, never list devices.
  describe('which password? "password" without a device word, in English and Chinese', () => {
    expectAll('whichPassword', [
      'I forgot my password',
      'forgot password',
      'reset my password please',
      "I can't remember my password",
      '忘記密碼',
      '密碼忘了',
      '忘记密码',
      '重置密碼',
      '重置密码',
      '請幫我重設密碼',
      '我不記得密碼了',
      '密碼被鎖住了',
    ]);
  });

  describe('not a reset (false positives the rules avoid)', () => {
    expectAll('unknown', [
      'what is a PIN code policy?',
      'What is the PIN reset policy?',
      'why was my PIN reset?',
      "don't reset my PIN",
      'reset my phone',
      'I lost my phone',
      'my account is locked',
      'password',
      '密碼',
      'PIN',
      'hello',
      'PIN 碼原則是什麼？',
      '為什麼我的密碼被重設了',
      '不要重設我的密碼',
      '重設手機',
    ]);
  });

  describe('help', () => {
    expectAll('help', ['help', '?', '？', 'help me', 'Help!', '/help', 'help please', '說明', '幫助', '帮助', 'history']);
  });

  describe('status', () => {
    expectAll('status', ['status', 'Status?', 'my requests', '狀態', '状态', '我的申請', '我的申请']);
  });

  describe('cancel', () => {
    expectAll('cancel', ['cancel', 'Cancel.', 'cancel my PIN reset', '取消', '取消重設']);
  });

  describe('helpdesk commands', () => {
    expectAll('useChannelForApprovals', ['use this channel for approvals', 'Use this channel for approvals.', '使用此頻道審核', '使用此频道审核']);
    expectAll('pending', ['pending', 'Pending requests', '待審核', '待审核']);
  });

  describe('history', () => {
    const table: Array<[string, string]> = [
      ['history alice@contoso.com', 'alice@contoso.com'],
      ['History Alice Chen', 'Alice Chen'],
      ['history <alice@contoso.com>', 'alice@contoso.com'],
      ['<at>PIN Bot</at> history &lt;alice@contoso.com&gt;', 'alice@contoso.com'],
      ['<at>PIN Bot</at> history <at>Alice Chen</at>', 'Alice Chen'],
      ['歷史 王小明', '王小明'],
      ['历史 王小明', '王小明'],
      ['history: bob@contoso.com', 'bob@contoso.com'],
    ];
    for (const [phrase, who] of table) {
      it(`reads ${JSON.stringify(phrase)} as the history of ${who}, keeping its case`, () => {
        assert.deepEqual(recognizeIntent(phrase), { kind: 'history', who });
      });
    }
  });

  describe('Teams markup around the words', () => {
    expectAll('reset', [
      '<at>PIN Bot</at> reset my PIN',
      '<at id="0">PIN Bot</at>&nbsp;reset&nbsp;my&nbsp;PIN',
      '<p>reset</p><p>my PIN</p>',
      're\u200Bset my P\u200DIN',
      'ＲＥＳＥＴ　ＭＹ　ＰＩＮ',
      '  RESET   my   pin  ',
    ]);
  });
});

describe('cleaning what Teams sends', () => {
  it('drops mentions, tags, entities, zero-width characters, extra spaces and case', () => {
    assert.equal(cleanUserText('<at>PIN Bot</at>&nbsp;<b>Reset</b>\u200B   my&#160;PIN &amp; more'), 'reset my pin & more');
  });

  it('keeps a typed "<" as text instead of treating it as a tag', () => {
    assert.equal(cleanUserText('a &lt;b&gt; c'), 'a <b> c');
  });
});
