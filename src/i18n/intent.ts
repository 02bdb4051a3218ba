// What a message asks for. Order matters and is deliberate:
//   1. whole-message commands (help, status, pending, …) in English and Chinese;
//   2. "history <who>";
//   3. "cancel …" before reset, so "cancel my PIN reset" cancels;
//   4. reset phrases (see reset-phrases.ts), so "help me reset my PIN" is a reset, and a bare
//      "forgot my password" / 忘記密碼 asks which password first (whichPassword);
//   5. a message starting with "help" is help; anything else is unknown.
import { cleanUserText, stripMarkup } from './clean-text';
import { resetWordsOf, toTraditional } from './reset-phrases';

export { cleanUserText };

export type Intent =
  | { kind: 'reset' }
  /** Says "password" with nothing about a device: the work account or a device? Ask first. */
  | { kind: 'whichPassword' }
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'cancel' }
  | { kind: 'useChannelForApprovals' }
  | { kind: 'pending' }
  | { kind: 'history'; who: string }
  | { kind: 'recoveryKey' }
  | { kind: 'unknown' };

type SimpleIntent = Exclude<Intent, { kind: 'history' }>;

// Compared with the whole message after cleanUserText, toTraditional and trimCommand.
const COMMANDS: ReadonlyArray<readonly [SimpleIntent, readonly string[]]> = [
  [
    { kind: 'help' },
    ['help', '?', 'help me', 'commands', 'menu', 'what can you do', '說明', '幫助', '求助', '指令', '怎麼用'],
  ],
  [
    { kind: 'status' },
    ['status', 'my requests', 'my request', 'my status', 'show status', 'check status', 'request status',
      '狀態', '我的申請', '申請狀態', '查詢狀態', '進度', '查詢進度'],
  ],
  [{ kind: 'cancel' }, ['cancel', 'stop', '取消', '停止']],
  [
    { kind: 'useChannelForApprovals' },
    ['use this channel for approvals', 'use this channel for approval', 'use this channel for approving',
      '使用此頻道審核', '使用這個頻道審核', '用這個頻道審核', '使用此頻道進行審核', '在此頻道審核'],
  ],
  [{ kind: 'pending' }, ['pending', 'pending requests', 'pending approvals', 'show pending', '待審核', '待核准', '待審']],
  // A bare command word (e.g. from the command menu): in this bot "reset" can only mean the PIN.
  [{ kind: 'reset' }, ['reset', 'reset pin', 'pin reset', 'unlock', '重設', '重置', '解鎖']],
];

// BitLocker's recovery screen: "BitLocker", "recovery key", "BitLocker 修復金鑰", "復原金鑰" (simplified too).
const RECOVERY_KEY = /bitlocker|recovery\s*key|(?:復原|修復|還原|恢復|复原|修复|还原|恢复)(?:金鑰|密鑰|金钥|密钥)/i;
const HISTORY = /^(?:history\b|歷史|历史)\s*[:：]?\s*(.*)$/i;
const POLITE_START = /^(?:please|pls|plz|can you|could you|請|麻煩你?|拜託)\s*/;
const POLITE_END = /\s*(?:please|pls|thanks|thank you|謝謝|謝啦|感謝)$/;
const EDGE_PUNCTUATION = /^[\s/!.,，。]+|[\s!?.,;:，。！？；：~…]+$/g;

export function recognizeIntent(text: string): Intent {
  const clean = cleanUserText(text);
  if (clean === '?' || clean === '？') return { kind: 'help' };
  const command = trimCommand(toTraditional(clean));
  return (
    wholeCommand(command) ??
    history(text, command) ??
    (/^(?:cancel\b|取消)/.test(command) ? { kind: 'cancel' } : undefined) ??
    (RECOVERY_KEY.test(command) ? { kind: 'recoveryKey' } : undefined) ??
    resetIntent(command) ??
    (/^(?:help\b|說明|幫助)/.test(command) ? { kind: 'help' } : { kind: 'unknown' })
  );
}

function resetIntent(command: string): Intent | undefined {
  const words = resetWordsOf(command);
  switch (words) {
    case 'devicePasscode':
      return { kind: 'reset' };
    case 'unclearPassword':
      return { kind: 'whichPassword' };
    case undefined:
      return undefined;
    default: {
      const unknownWords: never = words;
      throw new Error(`unhandled reset words ${String(unknownWords)}`);
    }
  }
}

function trimCommand(clean: string): string {
  return clean.replace(EDGE_PUNCTUATION, '').replace(POLITE_START, '').replace(POLITE_END, '').trim();
}

function wholeCommand(command: string): SimpleIntent | undefined {
  return COMMANDS.find(([, phrases]) => phrases.includes(command))?.[0];
}

/**
 * "history alice@contoso.com" or "歷史 王小明": `who` keeps its case. When the name was given as an
 * @mention ("history @Alice Chen") it is inside the mention markup, so read it from there; the bot's
 * own mention comes before the keyword and is left out. "history" with no one named is help.
 */
function history(raw: string, command: string): Intent | undefined {
  if (!HISTORY.test(command)) return undefined;
  const who = afterKeyword(stripMarkup(raw, 'drop')) || afterKeyword(stripMarkup(raw, 'keep'));
  return who ? { kind: 'history', who } : { kind: 'help' };
}

function afterKeyword(text: string): string {
  const at = text.search(/history\b|歷史|历史/i);
  if (at < 0) return '';
  const rest = HISTORY.exec(text.slice(at))?.[1] ?? '';
  return rest.replace(/^["'<「『]+|["'>」』.。]+$/g, '').trim();
}
