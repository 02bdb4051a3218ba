// Issue 11 §3, "words that are true": each fact below is what the user must read, taken from the
// source named in the test (Microsoft Learn unless said otherwise), checked on the rendered cards
// in both languages where the fact is language-independent.
import assert from 'node:assert/strict';
import {
  approvalCard,
  guidanceCard,
  managerNoticeCard,
  noDevicesCard,
  offerCard,
  outcomeCard,
  passcodeCard,
  progressCard,
  refusalCard,
} from '../../src/cards';
import { CATALOGS } from '../../src/i18n';
import { allText } from './support/card-json';
import { approvalRequest, request, snapshot, workProfileRequest } from './support/samples';
import { everyCard } from './support/variants';

const androidReset = (platform: 'android-device-admin' | 'android-fully-managed' | 'android-unknown' | 'windows-mobile') =>
  request({ action: 'resetPasscode', device: snapshot(platform) });

describe('Android: the temporary passcode is the risk (Intune "Reset or remove a device passcode")', () => {
  it('warns that anyone who sees the temporary passcode can unlock the device, and not to share the screen', () => {
    const text = allText(offerCard('en', androidReset('android-fully-managed'), 0));
    assert.match(text, /Anyone who sees the temporary passcode can unlock this device/);
    assert.match(text, /Don't share your screen/);
    assert.doesNotMatch(text, /anyone who holds this device/i);
    assert.match(allText(offerCard('zh-TW', androidReset('android-fully-managed'), 0)), /任何看到暫時密碼的人都能解鎖這台裝置.*請不要分享你的螢幕/);
  });

  it('says the same of a work profile: whoever sees the passcode opens the work profile', () => {
    const text = allText(offerCard('en', workProfileRequest(), 0));
    assert.match(text, /Anyone who sees the temporary passcode can open your work profile/);
    assert.match(text, /Don't share your screen/);
  });

  it('repeats it beside the passcode itself, and says "Unlock the device with it", never "Sign in to the device"', () => {
    const text = allText(passcodeCard('en', request({ state: 'succeeded', action: 'resetPasscode', device: snapshot('android-device-admin') }), '48271934'));
    assert.match(text, /Unlock the device with it now/);
    assert.match(text, /Anyone who sees this passcode can unlock the device: don't share your screen/);
    for (const catalog of [CATALOGS.en, CATALOGS['zh-TW']]) {
      assert.ok(!Object.values(catalog).some((words) => /Sign in to the device|登入裝置/.test(words)));
    }
    assert.match(allText(passcodeCard('zh-TW', workProfileRequest({ state: 'succeeded' }), '48271934')), /任何看到這組密碼的人都能開啟你的工作設定檔/);
  });
});

describe('iOS: removing the passcode (Apple Platform Deployment: passcode removal turns off Face ID, Touch ID and Apple Pay)', () => {
  it('keeps the possession warning and says Face ID / Touch ID and Apple Pay must be set up again', () => {
    const text = allText(offerCard('en', request(), 0));
    assert.match(text, /anyone who holds this device can open it/);
    assert.match(text, /Face ID or Touch ID.*Apple Pay.*set them up again/);
    assert.match(allText(offerCard('zh-TW', request(), 0)), /Face ID 或 Touch ID.*Apple Pay/);
  });

  it('explains a failed removal as a wrong unlock token that only a wipe, erasing everything, recovers', () => {
    const text = allText(outcomeCard('en', request({ state: 'failed', failureReason: 'actionFailed' })));
    assert.match(text, /wrong unlock token/);
    assert.match(text, /only a wipe, which erases everything on the device/);
    assert.match(allText(outcomeCard('zh-TW', request({ state: 'failed', failureReason: 'actionFailed' }))), /解除鎖定權杖不正確.*抹除（會清除裝置上的所有內容）/);
  });
});

describe('work profile failures (Intune: work-profile passcode reset needs an active reset token and a passcode policy)', () => {
  it('explains notSupported as an inactive reset token and a missing work-profile passcode policy, not as an unsupported device', () => {
    const text = allText(outcomeCard('en', workProfileRequest({ state: 'failed', failureReason: 'actionNotSupported' })));
    assert.match(text, /reset token is not active/);
    assert.match(text, /work profile passcode policy/);
    assert.doesNotMatch(text, /this device does not support/);
  });

  it('shows the way back after a failed reset: remove the work profile in Settings and enrol again, personal data stays', () => {
    for (const failureReason of ['actionFailed', 'actionNotSupported'] as const) {
      const text = allText(outcomeCard('en', workProfileRequest({ state: 'failed', failureReason })));
      assert.match(text, /remove the work profile.*enrol the phone again/s, failureReason);
      assert.match(text, /personal apps and data stay on the phone/, failureReason);
      assert.doesNotMatch(text, /helpdesk can help you get back in/, failureReason);
      const zh = allText(outcomeCard('zh-TW', workProfileRequest({ state: 'failed', failureReason })));
      assert.match(zh, /移除工作設定檔.*重新註冊.*個人應用程式和資料會保留/s, failureReason);
    }
  });
});

describe('while a person still has to decide', () => {
  it('says "Waiting for approval", not "Reset in progress"', () => {
    const card = progressCard('en', approvalRequest());
    assert.match(allText(card), /^Waiting for approval\n/);
    assert.doesNotMatch(allText(card), /Reset in progress/);
    assert.match(String(card['fallbackText']), /waiting for approval/);
    assert.match(allText(progressCard('zh-TW', approvalRequest())), /^等待核准\n/);
    assert.match(allText(progressCard('en', approvalRequest({ state: 'executing', actionSentAt: '2026-03-15T09:30:00Z' }))), /^Reset in progress\n/);
  });

  it('never tells a manager who must approve that they need not do anything', () => {
    const askedToApprove = allText(managerNoticeCard('en', approvalRequest({ approver: 'manager' }), 'requested'));
    assert.doesNotMatch(askedToApprove, /do not need to do anything/);
    assert.match(askedToApprove, /asked to approve or reject it/);
    assert.doesNotMatch(allText(managerNoticeCard('zh-TW', approvalRequest({ approver: 'manager' }), 'requested')), /不需要做任何事/);
    assert.match(allText(managerNoticeCard('en', approvalRequest({ approver: 'helpdesk' }), 'requested')), /do not need to do anything/);
  });
});

describe('devices without a remote reset', () => {
  it('macOS: points to the FileVault personal recovery key on the Company Portal website, not the Apple Account', () => {
    // Microsoft Learn, "Use FileVault disk encryption for macOS with Intune": users get the
    // personal recovery key from the Company Portal website (Get recovery key).
    const text = allText(refusalCard('en', snapshot('ios', { platform: 'macos', operatingSystem: 'macOS' }), 'macosNoReset'));
    assert.match(text, /FileVault/);
    assert.match(text, /personal recovery key/);
    assert.match(text, /Company Portal website/);
    assert.doesNotMatch(text, /Apple Account/);
    assert.match(allText(refusalCard('zh-TW', null, 'macosNoReset')), /FileVault.*個人復原金鑰.*公司入口網站網站/);
  });

  it('Windows: "I forgot my PIN", the password sign-in path, a domain controller for hybrid-joined PCs, and no "the helpdesk cannot help"', () => {
    // Microsoft Learn, "Windows Hello for Business PIN reset" and "Sign-in options" (password credential provider).
    for (const locale of ['en', 'zh-TW'] as const) {
      const text = allText(guidanceCard(locale, snapshot('windows'), 'windowsHelloReset'));
      assert.match(text, locale === 'en' ? /I forgot my PIN/ : /我忘記我的 PIN/);
      assert.match(text, locale === 'en' ? /work account password.*Sign-in options/ : /公司帳戶的密碼.*登入選項/);
      assert.match(text, locale === 'en' ? /hybrid joined.*domain controller/ : /混合式加入.*網域控制站/);
      assert.doesNotMatch(text, /nor the helpdesk|helpdesk cannot|服務台都無法/);
    }
  });

  it('no devices: never tells a locked-out user to install Company Portal on the locked phone', () => {
    for (const locale of ['en', 'zh-TW'] as const) assert.doesNotMatch(allText(noDevicesCard(locale)), /install|安裝/i);
  });
});

describe('device kinds worded as they are (issue 11 §1)', () => {
  it('words device administrator as legacy, with the end of GMS support on 31 December 2024', () => {
    const text = allText(offerCard('en', androidReset('android-device-admin'), 0));
    assert.match(text, /device administrator \(legacy\)/);
    assert.match(text, /legacy mode.*31 December 2024/);
  });

  it('says Windows 10 Mobile is out of support and may never check in, and that the wait is shorter', () => {
    const text = allText(offerCard('en', androidReset('windows-mobile'), 0));
    assert.match(text, /out of support.*may never check in.*sooner than for other devices/);
    const zh = allText(offerCard('zh-TW', androidReset('windows-mobile'), 0));
    assert.match(zh, /Windows 10 行動裝置版.*已終止支援/);
    assert.match(allText(outcomeCard('en', request({ state: 'failed', failureReason: 'timedOut', action: 'resetPasscode', device: snapshot('windows-mobile') }))), /may never check in again/);
  });

  it('routes an Android device of unknown mode to the helpdesk and never advises a factory reset', () => {
    const offer = allText(offerCard('en', androidReset('android-unknown'), 0));
    assert.match(offer, /does not report whether this Android device has a work profile or is managed as device administrator/);
    assert.match(offer, /helpdesk checks it in Intune before anything is sent/);
    const forHelpdesk = allText(approvalCard('en', approvalRequest({ action: 'resetPasscode', device: snapshot('android-unknown') }), 'approver'));
    assert.match(forHelpdesk, /Check its enrollment in the Intune admin center before approving/);
    const refusal = allText(refusalCard('en', snapshot('android-unknown'), 'androidKindUnknown'));
    assert.match(refusal, /helpdesk can see the device in Intune/);
    assert.doesNotMatch(refusal, /may mean resetting|\(a wipe\)/);
  });
});

describe('zh-TW in Microsoft’s Intune terms, one form of address, one word for expiry', () => {
  const zh = CATALOGS['zh-TW'];
  const all = Object.values(zh).join('\n');

  it('addresses the reader as 你, never 您', () => {
    assert.ok(!all.includes('您'), Object.entries(zh).filter(([, words]) => words.includes('您')).map(([key]) => key).join(', '));
  });

  it('says 已到期 for everything that expired: no 過期 or 逾期', () => {
    for (const form of ['過期', '逾期']) assert.ok(!all.includes(form), Object.entries(zh).filter(([, w]) => w.includes(form)).map(([k]) => k).join(', '));
    for (const key of ['state.expired', 'outcome.title.expired', 'history.event.expired', 'approval.title.expired'] as const) {
      assert.match(zh[key], /已到期/, key);
    }
  });

  it('uses the Intune console terms: 作業系統, 抹除擱置中, Windows 10 行動裝置版, 個人擁有的工作設定檔, 具有工作設定檔的公司擁有裝置, 完全受控裝置', () => {
    assert.equal(zh['common.fact.os'], '作業系統');
    assert.match(zh['refusal.wipePending'], /抹除擱置中/);
    assert.match(zh['platform.windowsMobile'], /Windows 10 行動裝置版/);
    assert.match(zh['platform.androidWorkProfile'], /個人擁有的工作設定檔/);
    assert.match(zh['platform.androidCorporateWorkProfile'], /具有工作設定檔的公司擁有裝置/);
    assert.match(zh['platform.androidFullyManaged'], /完全受控裝置/);
  });
});

describe('dates in the reader’s own time zone (Adaptive Cards DATE()/TIME(), rendered per viewer by Teams)', () => {
  it('shows no "UTC" on any card, in any language', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      for (const [name, render] of everyCard(locale)) assert.doesNotMatch(allText(render()), /\bUTC\b/, `${locale} ${name}`);
    }
  });

  it('keeps date functions out of fallbackText, which Teams shows as plain text in notifications', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      for (const [name, render] of everyCard(locale)) assert.ok(!String(render()['fallbackText']).includes('{{'), `${locale} ${name}`);
    }
  });
});
