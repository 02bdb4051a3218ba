// 繁體中文（台灣），第 6 部分：沒有提到裝置的「忘記密碼」。通常指的是公司帳戶密碼，所以先問清楚。
import type { enIntent } from './en-intent';

export const zhTWIntent: Record<keyof typeof enIntent, string> = {
  'whichPassword.fallback': '你忘記的是哪一個密碼：裝置的密碼，還是公司帳戶的密碼？',
  'whichPassword.title': '你忘記的是哪一個密碼？',
  'whichPassword.body':
    '我可以重設用來解鎖你的手機、平板或其他公司裝置的密碼或 PIN。公司帳戶的密碼（你登入 Teams 和 Outlook 用的密碼）要在別的地方重設。',
  'whichPassword.device': '裝置的密碼',
  'whichPassword.account': '我的公司帳戶密碼',

  'accountPassword.fallback': '請在貴組織的密碼重設頁面重設你的公司帳戶密碼。',
  'accountPassword.title': '重設你的公司帳戶密碼',
  'accountPassword.body':
    '公司帳戶密碼是你登入 Teams、Outlook 和其他公司應用程式用的密碼。你可以在貴組織的密碼重設頁面自行重設：頁面會先確認你的身分，例如傳送驗證碼到你的手機，或使用驗證器應用程式。',
  'accountPassword.nothingChanged': '你的裝置都沒有任何變更。',
  'accountPassword.helpdesk': '如果無法在該頁面完成重設，請聯絡服務台。',
  'accountPassword.open': '重設我的密碼',
  'accountPassword.device': '我指的是裝置的密碼',
};
