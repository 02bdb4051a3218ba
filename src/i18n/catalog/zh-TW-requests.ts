// 繁體中文（台灣），第 2 部分：申請進度、結果、狀態與問題通知。
// 暫時密碼絕不可放進 fallback 文字：Teams 會把它顯示在通知和聊天預覽中。
import type { enRequests } from './en-requests';

export const zhTWRequests: Record<keyof typeof enRequests, string> = {
  'progress.fallback': '你的密碼重設正在進行中。',
  'progress.title': '重設進行中',
  'progress.awaitingConfirmation': '這個申請正在等你確認。',
  'progress.awaitingApproval': '你的申請已送交服務台核准。結果會顯示在這裡。',
  'progress.approved': '已確認，我正在向 Intune 送出要求。',
  'progress.executing': '已確認。已於 {time} 向 Intune 送出要求。',
  'progress.checkIn': '裝置必須開機並連上網路，才能向 Intune 簽入並收到重設。通常需要幾分鐘，有時會更久。',
  'progress.updates': 'Intune 回報結果時，這張卡片會自動更新。',
  'progress.finished': '這個申請已結束：{state}。',

  'outcome.fallback': '你的密碼重設有新消息。',
  'outcome.title.succeeded': '已完成',
  'outcome.title.failed': '重設沒有成功',
  'outcome.title.cancelled': '申請已取消',
  'outcome.title.expired': '申請已逾期',
  'outcome.title.rejected': '申請已被拒絕',
  'outcome.removed':
    '這台裝置的密碼已移除。如果貴組織要求設定密碼，裝置會請你設定新密碼；否則也請自行到「設定」中設定一組，讓裝置保持安全。',
  'outcome.passcode.label': '暫時密碼',
  'outcome.passcode.device': '請用這組暫時密碼登入裝置，並立刻到「設定」中更改。這張卡片會在幾分鐘後隱藏密碼。',
  'outcome.passcode.workProfile': '請用這組暫時密碼開啟工作設定檔，並立刻設定新的工作設定檔密碼。這張卡片會在幾分鐘後隱藏密碼。',
  'outcome.passcodeHidden': '暫時密碼先前已顯示在這裡，現在已隱藏。如果你沒看到，請重新申請重設。',
  'outcome.noPasscode': 'Intune 回報重設已完成，但沒有提供暫時密碼。請聯絡 IT 服務台。',
  'outcome.failed.deviceNotOwned': '你已不是這台裝置的主要使用者，所以我在向 Intune 送出要求之前就停止了。',
  'outcome.failed.deviceGone': 'Intune 中已找不到這台裝置，它可能已被淘汰或刪除。',
  'outcome.failed.deviceNoLongerEligible':
    '在你申請之後，裝置的狀態改變了（例如現在有待執行的抹除），因此已無法重設密碼。我在向 Intune 送出要求之前就停止了。',
  'outcome.failed.actionFailedApple':
    'Intune 回報移除密碼失敗。這可能是因為 Intune 保存的裝置解除鎖定權杖已過期；這種情況下只有抹除（恢復原廠設定）才能救回裝置。請不要再試一次，並聯絡 IT 服務台。',
  'outcome.failed.actionFailedWorkProfile': 'Intune 回報重設工作設定檔密碼失敗。常見原因如下：',
  'outcome.failed.workProfileToken':
    '- 裝置上的重設權杖尚未啟用。工作設定檔密碼原則送達後，Android 會請你確認一次工作設定檔密碼；如果略過了這個步驟，就無法重設。服務台可以協助你重新進入。',
  'outcome.failed.workProfilePolicy': '- 這台裝置沒有套用工作設定檔密碼原則。必須由 Intune 系統管理員指派原則後，才能重設。',
  'outcome.failed.actionFailedOther': 'Intune 回報裝置上的重設失敗。',
  'outcome.failed.actionNotSupported': 'Intune 回報這台裝置不支援密碼重設。',
  'outcome.failed.actionCanceled': '這個動作已在 Intune 中被取消，例如由系統管理員取消。',
  'outcome.failed.actionNotConfirmed': 'Intune 沒有確認收到這個要求，目前沒有跡象顯示有任何動作送到你的裝置。請稍後再試。',
  'outcome.failed.timedOut':
    'Intune 已接受要求，但裝置沒有在時限內回報。裝置下次簽入時仍可能完成重設。如果稍後裝置仍然鎖住，請聯絡 IT 服務台。',
  'outcome.failed.graphPermissionMissing': '機器人目前還沒有在 Intune 執行這個動作的權限，需要由系統管理員授與。沒有任何動作送到你的裝置。',
  'outcome.failed.graphUnavailable': '無法連線到 Intune，所以這個申請無法完成。請幾分鐘後再試。',
  'outcome.failed.unknown': '重設失敗，但 Intune 沒有告知原因。',
  'outcome.cancelled': '你已取消這個申請。沒有任何動作送到你的裝置。',
  'outcome.expired': '這個申請在執行前就逾期了。沒有任何動作送到你的裝置。如果仍需要重設，請重新開始。',
  'outcome.rejected': '服務台拒絕了這個申請，所以沒有任何動作送到你的裝置。如有疑問，請聯絡服務台。',

  'status.fallback': '你的 PIN 重設申請。',
  'status.title': '你的 PIN 重設申請',
  'status.empty': '你目前沒有進行中的 PIN 重設申請。',
  'status.cancel': '取消這個申請',

  'personalChat.fallback': 'PIN 重設只能在與機器人的個人聊天中進行。',
  'personalChat.title': '我們到個人聊天繼續吧',
  'personalChat.body': '為了你的安全，PIN 重設只能在與我的個人聊天中進行，不會在頻道或群組聊天中進行：暫時密碼不能讓其他人看到。',
  'personalChat.open': '開啟個人聊天',

  'problem.fallback': '剛才的步驟沒有成功。',
  'problem.title': '剛才沒有成功',
  'problem.tenantNotAllowed': '貴組織無法使用這個機器人。',
  'problem.missingIdentity': 'Teams 沒有告訴我你是誰，所以我無法查詢你的裝置。請從 Teams 應用程式再試一次。',
  'problem.personalChatOnly': 'PIN 重設只能在與我的個人聊天中進行。請開啟個人聊天並輸入「重設我的 PIN」。',
  'problem.requestNotFound': '找不到這個申請了。請重新開始。',
  'problem.notYourRequest': '這是別人的申請。只有提出申請的人可以使用它的按鈕。',
  'problem.requestClosed': '這個申請已經結束（{state}），無法再進行任何操作。',
  'problem.deviceNotFound': 'Intune 中已不再列出你的這台裝置。請重新開始，查看你目前的裝置。',
  'problem.deviceHasOpenRequest': '這台裝置已有一個進行中的重設申請。你可以在「我的申請」中查看進度。',
  'problem.graphPermissionMissing': '機器人缺少 Microsoft Graph 權限 {permission}，需要由系統管理員授與。沒有任何動作送到你的裝置。',
  'problem.graphUnavailable': '目前無法連線到 Intune。沒有任何動作送到你的裝置。請幾分鐘後再試。',
  'problem.invalidAction': '這個按鈕已經失效。請重新開始。',
};
