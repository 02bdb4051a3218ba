// The same employee writes in Chinese. The Playground sends every activity with locale en-US, so
// this also shows that the bot answers Chinese text in Traditional Chinese.
import assert from 'node:assert/strict';
import { deviceName, EMPLOYEE_DEVICE_COUNT } from './support/demo-people';
import { demoSettingsFromEnv } from './support/demo-process';
import { Playground } from './support/playground';
import { zhTW } from './support/words';

const settings = demoSettingsFromEnv();
const IPHONE = deviceName('iphoneCompanyPortal');

describe('removing an iPhone passcode in Traditional Chinese', () => {
  let playground: Playground;
  before(async () => (playground = await Playground.open(settings, 'zh-tw')));
  after(async () => playground?.close());

  it('answers 忘記密碼 in Chinese and removes the passcode of her iPhone 15', async () => {
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
      return playground.deviceIn(picker, IPHONE);
    });

    await playground.step('offer', async () => {
      const picker = playground.card(zhTW('picker.title'));
      await playground.deviceIn(picker, IPHONE).getByRole('button', { name: zhTW('picker.choose') }).click();
      const offer = await playground.waitForCard(zhTW('offer.title.removePasscode'));
      await offer.getByText(zhTW('offer.warning.device')).waitFor();
      return offer;
    });

    await playground.step('in-progress', async () => {
      await playground.card(zhTW('offer.title.removePasscode')).getByRole('button', { name: zhTW('offer.confirm.removePasscode') }).click();
      return playground.waitForCard(zhTW('progress.title'));
    });

    await playground.step('done', async () => {
      const done = await playground.waitForCard(zhTW('outcome.title.succeeded'), 45_000);
      // An iPhone gets no temporary passcode: it opens without one.
      await done.getByText(zhTW('outcome.removed')).waitFor();
      return done;
    });
  });
});
