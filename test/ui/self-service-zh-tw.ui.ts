// The same employee writes in Chinese and resets her other personally owned work-profile phone, the
// Galaxy S24, which the demo tenant reports as a real tenant does after the move to the Android
// Management API (googleCloudDevicePolicyController, userEnrollment, beta deviceType androidForWork).
// The Playground sends every activity with locale en-US, so this also shows that the bot answers
// Chinese text in Traditional Chinese.
import assert from 'node:assert/strict';
import { deviceName, EMPLOYEE_DEVICE_COUNT } from './support/demo-people';
import { demoSettingsFromEnv } from './support/demo-process';
import { Playground } from './support/playground';
import { zhTW } from './support/words';

const settings = demoSettingsFromEnv();
const GALAXY = deviceName('androidWorkProfileAmapi');

describe('resetting a personally owned work profile passcode in Traditional Chinese', () => {
  let playground: Playground;
  before(async () => (playground = await Playground.open(settings, 'zh-tw')));
  after(async () => playground?.close());

  it('answers 忘記密碼 in Chinese, resets the Galaxy S24 work profile and hands her a temporary passcode', async () => {
    await playground.step('which-password', async () => {
      // 忘記密碼 alone may mean the work account password: the bot asks before listing devices.
      await playground.say('忘記密碼');
      return playground.waitForCard(zhTW('whichPassword.title'));
    });

    await playground.step('picker', async () => {
      await playground.card(zhTW('whichPassword.title')).getByRole('button', { name: zhTW('whichPassword.device') }).click();
      const picker = await playground.waitForCard(zhTW('picker.title'));
      await picker.getByText(zhTW('picker.intro')).waitFor();
      assert.equal(await picker.getByRole('button', { name: zhTW('picker.choose') }).count(), EMPLOYEE_DEVICE_COUNT);
      return playground.deviceIn(picker, GALAXY);
    });

    await playground.step('offer', async () => {
      const picker = playground.card(zhTW('picker.title'));
      await playground.deviceIn(picker, GALAXY).getByRole('button', { name: zhTW('picker.choose') }).click();
      const offer = await playground.waitForCard(zhTW('offer.title.resetWorkProfilePasscode'));
      await offer.getByText(zhTW('platform.androidWorkProfile')).waitFor();
      await offer.getByText(zhTW('offer.warning.workProfile')).waitFor();
      return offer;
    });

    await playground.step('in-progress', async () => {
      await playground.card(zhTW('offer.title.resetWorkProfilePasscode')).getByRole('button', { name: zhTW('offer.confirm.resetWorkProfilePasscode') }).click();
      return playground.waitForCard(zhTW('progress.title'));
    });

    await playground.step('done', async () => {
      const done = await playground.waitForCard(zhTW('outcome.title.succeeded'), 45_000);
      await done.getByText(zhTW('outcome.passcodeInNextMessage')).waitFor();
      return done;
    });

    await playground.step('passcode', async () => {
      const message = await playground.waitForCard(zhTW('passcode.title'));
      await message.getByText(zhTW('passcode.workProfile')).waitFor();
      await message.getByText(zhTW('passcode.screen.workProfile')).waitFor();
      assert.equal(await message.getByText(/^\d{6,8}$/).count(), 1, 'one temporary passcode of 6 to 8 digits');
      return message;
    });
  });
});
