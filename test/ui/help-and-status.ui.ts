// What the employee sees when she asks for help and for her requests.
import { demoSettingsFromEnv } from './support/demo-process';
import { Playground } from './support/playground';
import { en } from './support/words';

const settings = demoSettingsFromEnv();

describe('help and status in the personal chat', () => {
  let playground: Playground;
  before(async () => (playground = await Playground.open(settings, 'help')));
  after(async () => playground?.close());

  it('shows the help card with its two buttons', async () => {
    await playground.step('help', async () => {
      await playground.say('help');
      const help = await playground.waitForCard(en('help.title'));
      await help.getByRole('button', { name: en('common.button.startReset') }).waitFor();
      await help.getByRole('button', { name: en('common.button.status') }).waitFor();
      return help;
    });
  });

  it('lists her requests for "status" and for the My requests button', async () => {
    await playground.step('status', async () => {
      await playground.say('status');
      return playground.waitForCard(en('status.title'));
    });
    await playground.step('my-requests-button', async () => {
      await playground.card(en('help.title')).getByRole('button', { name: en('common.button.status') }).click();
      // Universal Actions: the answer replaces the help card with a second list of her requests.
      await playground.page.getByRole('heading', { name: en('status.title'), exact: true }).nth(1).waitFor();
      return playground.card(en('status.title'));
    });
  });
});
