// Is this message asking to reset a device PIN or passcode, or does it only say "password"?
// Keyword + verb rules, in English and Chinese (Simplified is folded to Traditional first, see
// toTraditional).
//
// A message asks for a DEVICE reset when
//   (a) a reset verb (reset, forgot, remove, 重設, 忘記, 移除…) appears with a device secret word
//       (PIN, passcode, screen lock, 通行碼, 螢幕鎖定…) or with a password and a device word
//       ("phone password", 手機密碼), or
//   (b) an unlock verb (unlock, locked out, 解鎖, 被鎖…) appears with a device or secret word, or
//   (c) "unlock" / 解鎖 appears with a password (解鎖密碼: the password that unlocks something).
// It is UNCLEAR when a reset or unlock verb appears with "password" / 密碼 and nothing says
// device: in Chinese 忘記密碼, like "I forgot my password", usually means the work account
// (Entra) password, and removing an iPhone passcode for someone who forgot that is harm, not help.
// The bot then asks which one (README "Which password?").
// "reset my phone" is neither: without a secret word it reads as a factory reset.
// It is not a request at all when it asks about rules ("policy", "what is", "why", 原則, 什麼是…)
// or says not to ("don't reset", 不要重設).

export type ResetWords = 'devicePasscode' | 'unclearPassword';

const SECRET_EN = /\b(?:pin|pins|pincode|passcodes?|pass codes?|screen ?lock|lock ?screen|unlock code)\b/;
const PASSWORD_EN = /\bpasswords?\b/;
const DEVICE_EN = /\b(?:phone|iphone|ipad|tablet|device|mobile|cellphone|smartphone|android|galaxy|pixel|laptop|pc|computer|windows)\b/;
const RESET_VERB_EN =
  /\b(?:reset|resetting|forgot|forget|forgotten|forgetting|lost|remove|clear|recover|(?:can'?t|cannot|can not|don'?t|do not) remember)\b/;
const UNLOCK_VERB_EN = /\b(?:unlock|locked|locked out|lockout)\b/;
const QUESTION_EN = /\b(?:polic(?:y|ies)|what is|what's|whats|what are|why|explain|meaning|definition)\b/;
const NEGATED_EN = /\b(?:don'?t|do not|never|no need to|not)\s+(?:reset|remove|unlock|clear)\b/;

const PASSWORD_ZH = /密碼/;
/** Secrets only a device has; 開機密碼 is the power-on password of a device. */
const SECRET_ZH = /通行碼|解鎖碼|螢幕鎖定|鎖定畫面|鎖屏|開機密碼/;
const DEVICE_ZH = /手機|平板|裝置|設備|電腦|筆電|iphone|ipad|android|安卓/;
/** "unlock" names what the secret is for: a device, not an account sign-in. */
const UNLOCK_WORD = /\bunlock\b|解鎖/;
const RESET_VERB_ZH = /重設|重置|重新設定|忘記|忘了|不記得|想不起|移除|清除|刪除|找回/;
const UNLOCK_VERB_ZH = /解鎖|解開|被鎖|鎖住|打不開|開不了/;
const QUESTION_ZH = /政策|原則|是什麼|什麼是|為什麼|為何/;
const NEGATED_ZH = /(?:不要|別|不用|不需要|不想)(?:幫我)?(?:重設|重置|移除|清除|解鎖)/;

/** `text` is cleaned, lowercased and folded to Traditional Chinese. */
export function resetWordsOf(text: string): ResetWords | undefined {
  if (QUESTION_EN.test(text) || QUESTION_ZH.test(text)) return undefined;
  if (NEGATED_EN.test(text) || NEGATED_ZH.test(text)) return undefined;
  const secret = SECRET_EN.test(text) || SECRET_ZH.test(text);
  const password = PASSWORD_EN.test(text) || PASSWORD_ZH.test(text);
  const device = DEVICE_EN.test(text) || DEVICE_ZH.test(text);
  const resetVerb = RESET_VERB_EN.test(text) || RESET_VERB_ZH.test(text);
  const unlockVerb = UNLOCK_VERB_EN.test(text) || UNLOCK_VERB_ZH.test(text);
  const forDevice =
    (resetVerb && (secret || (device && password))) || (unlockVerb && (device || secret)) || (UNLOCK_WORD.test(text) && password);
  if (forDevice) return 'devicePasscode';
  return (resetVerb || unlockVerb) && password ? 'unclearPassword' : undefined;
}

// Simplified → Traditional for the characters our phrases use; everything else passes through.
const TRADITIONAL: Readonly<Record<string, string>> = {
  设: '設', 码: '碼', 记: '記', 锁: '鎖', 机: '機', 帮: '幫', 说: '說', 态: '態', 状: '狀',
  请: '請', 审: '審', 频: '頻', 历: '歷', 装: '裝', 备: '備', 删: '刪', 这: '這', 为: '為',
  么: '麼', 别: '別', 开: '開', 电: '電', 脑: '腦', 则: '則', 笔: '筆',
  荧: '螢', 萤: '螢', 试: '試', 个: '個', 询: '詢', 进: '進', 单: '單', 须: '需', 启: '啟',
  忆: '憶', 从: '從', 过: '過', 录: '錄', 让: '讓', 里: '裡', 样: '樣', 时: '時',
};

export function toTraditional(text: string): string {
  return [...text].map((char) => TRADITIONAL[char] ?? char).join('');
}
