// 繁體中文（台灣），第 3 部分：服務台頻道（或主管）看到的核准卡片，以及做決定時可能遇到的問題。
// 對象是核准者，所以稱「申請人」。用語：服務台、核准、拒絕、主管、到期。
import type { enApproval } from './en-approval';

export const zhTWApproval: Record<keyof typeof enApproval, string> = {
  'approval.fallback.waiting': '有一個 PIN 重設申請正在等待核准。',
  'approval.fallback.decided': '一個 PIN 重設申請有了更新：{state}。',

  'approval.title.awaitingConfirmation': 'PIN 重設尚未確認',
  'approval.title.awaitingApproval': 'PIN 重設等待核准',
  'approval.title.approved': 'PIN 重設已核准',
  'approval.title.executing': 'PIN 重設已核准並傳送給 Intune',
  'approval.title.succeeded': 'PIN 重設已完成',
  'approval.title.failed': 'PIN 重設失敗',
  'approval.title.rejected': 'PIN 重設已拒絕',
  'approval.title.cancelled': 'PIN 重設已取消',
  'approval.title.expired': 'PIN 重設已到期',

  'approval.fact.requester': '申請人',
  'approval.fact.ownership': '擁有權',
  'approval.fact.action': '動作',
  'approval.fact.expires': '到期時間',
  'approval.fact.decides': '決定者',
  'approval.fact.manager': '主管',
  'approval.ownership.personal': '個人裝置',
  'approval.ownership.company': '公司裝置',

  'approval.decides.helpdesk': '服務台群組的成員',
  'approval.decides.manager': '{name}（申請人的主管）',
  'approval.decides.managerUnnamed': '申請人的主管',
  'approval.decides.none': '不需要核准',

  'approval.manager.pending': '{name}，即將通知',
  'approval.manager.notified': '{name}，已通知',
  'approval.manager.notNotified': '{name}，未通知',
  'approval.manager.noManager': 'Entra ID 中沒有主管',
  'approval.manager.unnamed': '主管',
  'approval.manager.warning': '未通知主管：給主管的訊息無法送達。如果貴組織的流程有此要求，請自行告知主管。',

  'approval.whatHappens.title': '核准後會發生什麼事',
  'approval.does.removePasscode': 'Intune 會在裝置下次簽入時移除它的密碼。在設定新密碼之前，任何拿到這台裝置的人都能開啟它。',
  'approval.does.resetPasscode': 'Intune 會把裝置的密碼換成一組暫時密碼，這組密碼只會顯示在申請人與機器人的個人聊天中。',
  'approval.does.resetPasscodeFullyManaged':
    'Intune 會重設它在這台裝置上管理的密碼並核發一組暫時密碼，這組密碼只會顯示在申請人與機器人的個人聊天中。',
  'approval.does.resetWorkProfilePasscode':
    'Intune 只會重設工作設定檔密碼（裝置本身的解鎖方式不變），並核發一組暫時密碼，只會顯示在申請人與機器人的個人聊天中。',

  'approval.status.notConfirmed': '申請人尚未確認這個申請。',
  'approval.status.decide': '核准後，重設會送到裝置；也可以填寫原因後拒絕。無論結果如何，申請人都會收到通知。',
  'approval.status.waitingHelpdesk': '正在等待服務台成員核准或拒絕。',
  'approval.status.waitingManager': '正在等待主管 {name} 核准或拒絕。',
  'approval.status.waitingManagerUnnamed': '正在等待申請人的主管核准或拒絕。',
  'approval.status.approvedBy': '由 {name} 核准。',
  'approval.status.approved': '重設即將傳送給 Intune。',
  'approval.status.executing': '已於 {time} 向 Intune 送出要求；裝置下次簽入時就會收到重設。',
  'approval.status.succeeded': 'Intune 回報重設已完成。',
  'approval.status.failed': '重設沒有成功。{why}',
  'approval.status.rejectedBy': '由 {name} 拒絕。',
  'approval.status.reason': '原因：{reason}',
  'approval.status.expiredAt': '在 {time} 之前沒有人做出決定，所以申請已到期。沒有任何動作送到裝置。',
  'approval.status.expired': '在期限內沒有人做出決定，所以申請已到期。沒有任何動作送到裝置。',
  'approval.status.cancelled': '申請人已取消這個申請。沒有任何動作送到裝置。',
  'approval.someone': '某人',

  'approval.failed.unknown': 'Intune 沒有說明原因。',
  'approval.failed.deviceNotOwned': '申請人已不是這台裝置的主要使用者，所以沒有送出任何動作。',
  'approval.failed.deviceGone': 'Intune 中已找不到這台裝置，它可能已被淘汰或刪除。',
  'approval.failed.deviceNoLongerEligible': '申請之後裝置的狀態改變了（例如「抹除擱置中」），所以沒有送出任何動作。',
  'approval.failed.actionFailedApple': 'Intune 回報移除密碼失敗，通常是因為 Intune 保存的解除鎖定權杖不正確；這種情況下只有抹除（會清除裝置上的所有內容）才能救回裝置。',
  'approval.failed.actionFailedWorkProfile':
    'Intune 回報重設工作設定檔密碼失敗：通常是裝置上的重設權杖從未啟用，或沒有套用工作設定檔密碼原則。',
  'approval.failed.actionFailedOther': 'Intune 回報裝置上的重設失敗。',
  'approval.failed.actionNotSupported': 'Intune 回報這台裝置不支援密碼重設。',
  'approval.failed.actionCanceled': '這個動作已在 Intune 中被取消。',
  'approval.failed.actionNotConfirmed': 'Intune 沒有確認收到要求；目前沒有跡象顯示有任何動作送到裝置。',
  'approval.failed.timedOut': '裝置沒有在時限內回報；裝置下次簽入時仍可能完成重設。',
  'approval.failed.graphPermissionMissing': '機器人缺少執行這個動作的 Intune 權限，需要由系統管理員授與。沒有送出任何動作。',
  'approval.failed.graphUnavailable': '無法連線到 Intune，所以沒有送出任何動作。',

  'approval.button.approve': '核准',
  'approval.button.reject': '拒絕',
  'approval.button.confirmReject': '拒絕申請',
  'approval.reason.label': '拒絕原因（申請人會看到）',
  'approval.reason.placeholder': '原因？',
  'approval.reason.required': '請填寫原因。',

  'approvalProblem.fallback': '你對 PIN 重設申請的決定沒有被記錄。',
  'approvalProblem.title': '決定沒有被記錄',
  'approvalProblem.notApprover': '只有服務台群組的成員（或由主管決定時，申請人的主管）可以核准或拒絕這個申請。',
  'approvalProblem.ownRequest': '你不能核准或拒絕自己的申請。',
  'approvalProblem.alreadyDecided': '已經有人對這個申請做出決定。',
  'approvalProblem.expired': '這個申請在有人做出決定之前就到期了。沒有任何動作送到裝置。',
  'approvalProblem.notFound': '找不到這個申請了。',
  'approvalProblem.directoryUnavailable': '我無法在 Entra ID 中確認你是否可以對這個申請做出決定。請幾分鐘後再試。',

  'approvalView.notForYou.fallback': '一個不是給你的 PIN 重設申請。',
  'approvalView.notForYou.title': '不是給你的',
  'approvalView.notForYou.text': '這個 PIN 重設申請只提供給申請人和負責核准的人查看，因此不會向你顯示它的內容。',

  'helpdeskCommand.wrongPlace.fallback': '服務台指令只在其他地方回覆。',
  'helpdeskCommand.wrongPlace.title': '不在這裡回覆',
  'helpdeskCommand.wrongPlace.text': 'pending 和 history 會顯示人員和他們的裝置，所以我只在審核頻道或你與我的個人聊天中回覆。',
};
