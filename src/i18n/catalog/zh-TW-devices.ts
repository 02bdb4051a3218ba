// 繁體中文（台灣），第 6 部分：各種裝置實際的回報方式（issue 11）。
// 用語依 Microsoft Intune 繁體中文介面：作業系統、抹除擱置中、Windows 10 行動裝置版、個人擁有的工作設定檔、
// 具有工作設定檔的公司擁有裝置、完全受控裝置。稱呼一律用「你」；期限一律用「已到期」。
import type { enDevices } from './en-devices';

export const zhTWDevices: Record<keyof typeof enDevices, string> = {
  'platform.androidUnknown': 'Android，未回報管理模式',

  'offer.does.resetPasscodeUnknownAndroid':
    'Intune 沒有回報這台 Android 裝置是有工作設定檔，還是以裝置管理員模式管理，所以 IT 服務台會先在 Intune 中確認，才會送出任何動作。核准後，Intune 會重設它在這台裝置上管理的密碼（工作設定檔密碼或裝置密碼），暫時密碼會顯示在這個聊天中。',
  'offer.warning.temporaryPasscode': '在你更改之前，任何看到暫時密碼的人都能解鎖這台裝置。密碼顯示時，請不要分享你的螢幕，並立刻更改密碼。',
  'offer.note.appleAfterRemoval': '移除密碼也會關閉 Face ID 或 Touch ID，並移除你的 Apple Pay 卡片：設定新密碼後，請重新設定它們。',
  'offer.note.deviceAdminLegacy':
    '這支手機是以舊版的 Android 裝置管理員模式管理：Intune 已不再註冊 Android 8 以下的版本，並已於 2024 年 12 月 31 日停止在具有 Google 行動服務的裝置上支援裝置管理員管理。在這個舊版 Android 上重設仍可能成功；如果沒有成功，請聯絡 IT 服務台。',
  'offer.note.windowsMobile': 'Windows 10 行動裝置版已終止支援。這支手機可能再也不會向 Intune 簽入，所以我等待它的時間會比其他裝置短。',

  'refusal.androidKindUnknown':
    'Intune 沒有回報這台 Android 裝置是有工作設定檔，還是以裝置管理員模式管理，所以我無法判斷該用哪一種重設。IT 服務台可以在 Intune 中看到這台裝置，並重設正確的密碼；不需要為此將裝置恢復原廠設定。',

  'progress.title.awaitingApproval': '等待核准',
  'progress.fallback.awaitingApproval': '你的密碼重設正在等待核准。',

  'passcode.screen.device': '任何看到這組密碼的人都能解鎖裝置：密碼顯示時，請不要分享你的螢幕。',
  'passcode.screen.workProfile': '任何看到這組密碼的人都能開啟你的工作設定檔：密碼顯示時，請不要分享你的螢幕。',

  'outcome.failed.workProfileNotSupported':
    'Intune 回報這個工作設定檔不支援重設。對工作設定檔來說，這通常表示它的重設權杖尚未啟用：貴組織的工作設定檔密碼原則送達後，Android 會請你確認一次工作設定檔密碼，這樣才會啟用權杖。如果沒有工作設定檔密碼原則，也就不會有權杖。',
  'outcome.failed.workProfileWayBack':
    '要重新使用工作應用程式：在手機上開啟 **設定**，移除工作設定檔（通常在 **帳戶** 或 **安全性** 底下，名稱為 **工作設定檔**），然後用公司帳戶重新註冊手機。你的個人應用程式和資料會保留在手機上；重新註冊後，工作應用程式和資料就會回來。',
  'outcome.failed.timedOutWindowsMobile':
    'Intune 已接受要求，但這支 Windows 10 行動裝置版手機沒有簽入。這類手機已終止支援，可能再也不會簽入，所以我已停止等待。請聯絡 IT 服務台。',

  'guide.windows.password': '你也可以改用公司帳戶的密碼登入，而不使用 PIN：在登入畫面選取 **登入選項**，然後選擇鑰匙圖示。',
  'guide.windows.hybrid': '如果你的電腦加入了貴組織的內部部署網域（混合式加入），這兩種方式都需要能連線到網域控制站：請在公司內或連上 VPN。',

  'managerNotice.noActionNeeded': '你不需要做任何事。',

  'approval.does.resetPasscodeUnknownAndroid':
    'Graph 沒有回報這台 Android 裝置是有工作設定檔，還是以裝置管理員模式管理。請先在 Intune 系統管理中心確認它的註冊方式再核准。核准後，Intune 會重設它在這台裝置上管理的密碼（工作設定檔或裝置），並核發一組暫時密碼，只會顯示在申請人與機器人的個人聊天中。',
};
