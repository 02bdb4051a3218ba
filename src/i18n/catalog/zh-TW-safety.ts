// 繁體中文（台灣），第 7 部分：預設安全——主管可看到的個人裝置資訊，以及「再次顯示密碼」（Intune 會保留暫時密碼 7 天）。
import type { enSafety } from './en-safety';

export const zhTWSafety: Record<keyof typeof enSafety, string> = {
  'managerNotice.personalDevice': '一台個人擁有的裝置（{kind}）',
  'managerNotice.personalDeviceFact': '個人擁有的裝置：不會向你顯示其名稱和型號。',

  'history.event.passcodeShownAgain': '已再次顯示密碼',
  'passcodeAgain.hidden': '暫時密碼先前已顯示在這裡，現在已隱藏。',
  'passcodeAgain.offer': '沒看到嗎？重設後 7 天內，你可以在這裡再次顯示。',
  'passcodeAgain.button': '再次顯示密碼',
  'passcodeAgain.retention': '即使這裡已隱藏，Teams 仍可能依照貴組織的保留原則，保留先前顯示密碼的訊息。',
  'passcodeAgain.signInWhy': '為了你的安全，查看暫時密碼前請重新登入。',
  'passcodeAgain.signInSteps': '選取 **登入** 並完成登入，然後回到這裡選取 **再次顯示密碼**。',
  'passcodeAgain.refused.fallback': '無法再次顯示暫時密碼。',
  'passcodeAgain.refused.title': '無法再次顯示密碼',
  'passcodeAgain.refused.notYours': '只有申請這次重設的人可以查看密碼。',
  'passcodeAgain.refused.tooOld': 'Intune 只會保留暫時密碼 7 天，而這次重設已超過 7 天。如果你仍然無法解鎖，請重新申請重設。',
  'passcodeAgain.refused.noPasscode': 'Intune 沒有這次重設的暫時密碼。如果你仍然無法解鎖，請重新申請重設。',
  'passcodeAgain.refused.notYourDevice': '你已不是這台裝置在 Intune 中的主要使用者，因此無法向你顯示它的密碼。',
  'passcodeAgain.refused.unavailable': '目前無法連線到 Intune。請幾分鐘後再試一次。',
};
