// The employee's Surface Laptop shows the BitLocker recovery screen. In the Playground she asks for
// the key, types the Key ID, signs in on the demo tenant's sign-in page (the stand-in for the Bot
// Framework token service's page, with its magic code), sees the key, and sees it hidden again.
// Nothing is skipped: the bot's fresh sign-in gate verifies the token the demo token service hands
// over and exchanges it on her behalf, and Graph checks that she is the PC's registered owner.
// The runner's demo hides a key after 30 s (PASSCODE_VISIBLE_MINUTES=0.5, test/ui/support/demo-process.ts).
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { deviceName, person } from './support/demo-people';
import { demoSettingsFromEnv } from './support/demo-process';
import { Playground } from './support/playground';
import { en, zhTW } from './support/words';

const settings = demoSettingsFromEnv();
const SURFACE = deviceName('windowsPc');
/** The first 8 characters of the Key ID of the Surface's OS volume key (src/demo/tenant/bitlocker.ts). */
const KEY_ID = '1A2B3C4D';
/** 48 digits in eight groups of six, as a recovery password is shown. */
const RECOVERY_PASSWORD = /^\d{6}(-\d{6}){7}$/;

describe('the BitLocker recovery key in the Playground', () => {
  let playground: Playground;
  before(async () => (playground = await Playground.open(settings, 'recovery-key')));
  after(async () => playground?.close());

  /** The card that asks for the Key ID: straight away for one PC, after picking the Surface for more. */
  async function keyIdCard(words: typeof en, text: string): Promise<Locator> {
    await playground.say(text);
    const first = await playground.waitForAnyCard([words('recoveryKey.picker.title'), words('recoveryKey.ask.title')]);
    if ((await first.getByRole('heading', { name: words('recoveryKey.picker.title') }).count()) > 0) {
      await playground.deviceIn(first, SURFACE).getByRole('button', { name: words('recoveryKey.picker.choose') }).click();
    }
    const ask = await playground.waitForCard(words('recoveryKey.ask.title'));
    await ask.getByText(SURFACE).first().waitFor();
    return ask;
  }

  it('“BitLocker recovery key” → the Surface → Key ID → sign in on the demo page → key shown → hidden', async () => {
    await playground.step('ask', () => keyIdCard(en, 'BitLocker recovery key'));

    await playground.step('sign-in-asked', async () => {
      const ask = playground.card(en('recoveryKey.ask.title'));
      await ask.getByRole('textbox', { name: en('recoveryKey.ask.label') }).fill(KEY_ID);
      await ask.getByRole('button', { name: en('recoveryKey.ask.show') }).click();
      const again = playground.card(en('recoveryKey.ask.title'));
      await again.getByText(en('recoveryKey.ask.signInWhy')).waitFor();
      return again;
    });

    let code = '';
    await playground.step('demo-sign-in-page', async () => {
      const ask = playground.card(en('recoveryKey.ask.title'));
      const [page] = await Promise.all([
        playground.page.context().waitForEvent('page'),
        // Adaptive Cards render Action.OpenUrl with the role of a link; the Playground opens it in a new tab.
        ask.getByRole('link', { name: en('recoveryKey.ask.signIn'), exact: true }).click(),
      ]);
      await page.waitForLoadState();
      await page.getByRole('button', { name: `Sign in as ${person('employee').name}` }).click();
      code = (await page.locator('#magic-code').textContent())?.trim() ?? '';
      assert.match(code, /^\d{6}$/, 'the page shows a six-digit code to type in the chat');
      await page.close();
      return ask;
    });

    await playground.step('key-shown', async () => {
      const ask = playground.card(en('recoveryKey.ask.title'));
      await ask.getByRole('textbox', { name: en('recoveryKey.ask.signInCode') }).fill(code);
      await ask.getByRole('button', { name: en('recoveryKey.ask.show') }).click();
      await playground.waitForCard(en('recoveryKey.shown.title'));
      const key = await playground.waitForCard(en('recoveryKey.key.title'));
      assert.equal(await key.getByText(RECOVERY_PASSWORD).count(), 1, 'one 48-digit recovery key');
      return key;
    });

    await playground.step('key-hidden', async () => {
      const hidden = await playground.waitForCard(en('recoveryKey.key.titleHidden'), 60_000);
      await hidden.getByText(en('recoveryKey.key.hidden')).waitFor();
      assert.equal(await playground.page.getByText(RECOVERY_PASSWORD).count(), 0, 'the key is nowhere on the page any more');
      return hidden;
    });
  });

  it('“BitLocker 修復金鑰”: in Traditional Chinese, within the fresh sign-in, the key at once and hidden again', async () => {
    await playground.step('zh-ask', () => keyIdCard(zhTW, 'BitLocker 修復金鑰'));

    await playground.step('zh-key-shown', async () => {
      const ask = playground.card(zhTW('recoveryKey.ask.title'));
      await ask.getByRole('textbox', { name: zhTW('recoveryKey.ask.label') }).fill(KEY_ID);
      await ask.getByRole('button', { name: zhTW('recoveryKey.ask.show') }).click();
      const key = await playground.waitForCard(zhTW('recoveryKey.key.title'));
      assert.equal(await key.getByText(RECOVERY_PASSWORD).count(), 1);
      return key;
    });

    await playground.step('zh-key-hidden', async () => {
      const hidden = await playground.waitForCard(zhTW('recoveryKey.key.titleHidden'), 60_000);
      assert.equal(await playground.page.getByText(RECOVERY_PASSWORD).count(), 0);
      return hidden;
    });
  });
});
