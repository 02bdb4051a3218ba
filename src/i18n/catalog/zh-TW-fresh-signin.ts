// 繁體中文（台灣），第 5 部分：確認重設密碼前要求重新登入（REQUIRE_FRESH_SIGNIN）。
import type { enFreshSignIn } from './en-fresh-signin';

export const zhTWFreshSignIn: Record<keyof typeof enFreshSignIn, string> = {
  'freshSignIn.fallback': '請重新登入，以確認重設密碼。',
  'freshSignIn.title': '請重新登入',
  'freshSignIn.why': '為了你的安全，確認重設密碼前請重新登入。',
  'freshSignIn.rule': '你上次登入的時間必須在 {minutes} 分鐘內。',
  'freshSignIn.steps': '選取 **登入** 並完成登入，然後回到這裡選取 **確認重設**。',
  'freshSignIn.codeLabel': '如果登入頁面顯示一組代碼，請在這裡輸入',
  'freshSignIn.unavailable': '目前無法登入。請幾分鐘後再試，或聯絡服務台。',
  'freshSignIn.signIn': '登入',
  'freshSignIn.confirm': '確認重設',
  'freshSignIn.cancel': '取消',
};
