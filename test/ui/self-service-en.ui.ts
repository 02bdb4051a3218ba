// An employee resets the passcode of her Android work profile, in English, in the Playground. The
// Pixel 8 is shaped as a real tenant reports a personally owned work profile under Company Portal
// (mdm, userEnrollment, beta deviceType androidForWork): in v1.0 fields it looks like device administrator.
import assert from 'node:assert/strict';
import { deviceName, EMPLOYEE_DEVICE_COUNT } from './support/demo-people';
import { demoSettingsFromEnv } from './support/demo-process';
import { Playground } from './support/playground';
import { en } from './support/words';

const settings = demoSettingsFromEnv();
const PIXEL = deviceName('androidWorkProfile');

describe('resetting a work profile passcode in English', () => {
  let playground: Playground;
  before(async () => (playground = await Playground.open(settings, 'en')));
  after(async () => playground?.close());

  it('lists her devices, resets the Pixel 8 work profile and hands her a temporary passcode', async () => {
    await playground.step('picker', async () => {
      await playground.say('reset my PIN');
      const picker = await playground.waitForCard(en('picker.title'));
      // The demo employee is the primary user of one device of every kind.
      assert.equal(await picker.getByRole('button', { name: en('picker.choose') }).count(), EMPLOYEE_DEVICE_COUNT);
      return playground.deviceIn(picker, PIXEL);
    });

    await playground.step('offer', async () => {
      const picker = playground.card(en('picker.title'));
      await playground.deviceIn(picker, PIXEL).getByRole('button', { name: en('picker.choose') }).click();
      const offer = await playground.waitForCard(en('offer.title.resetWorkProfilePasscode'));
      await offer.getByText(en('platform.androidWorkProfile')).waitFor();
      await offer.getByText(en('offer.warning.workProfile')).waitFor();
      return offer;
    });

    await playground.step('in-progress', async () => {
      await playground.card(en('offer.title.resetWorkProfilePasscode')).getByRole('button', { name: en('offer.confirm.resetWorkProfilePasscode') }).click();
      const progress = await playground.waitForCard(en('progress.title'));
      // The card answers at once; Intune is asked after the answer.
      await progress.getByText(en('progress.updates')).waitFor();
      return progress;
    });

    await playground.step('done', async () => {
      // The demo tenant finishes the action after 4 s; the bot's first look is after 5 s.
      const done = await playground.waitForCard(en('outcome.title.succeeded'), 45_000);
      await done.getByText(en('outcome.passcodeInNextMessage')).waitFor();
      return done;
    });

    await playground.step('passcode', async () => {
      const message = await playground.waitForCard(en('passcode.title'));
      await message.getByText(en('passcode.workProfile')).waitFor();
      await message.getByText(en('passcode.screen.workProfile')).waitFor();
      const passcode = message.getByText(/^\d{6,8}$/);
      assert.equal(await passcode.count(), 1, 'one temporary passcode of 6 to 8 digits');
      return message;
    });
  });
});
