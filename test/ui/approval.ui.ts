// Helpdesk approval, as two people in the Playground. The demo needs an approval for company
// phones with a work profile (APPROVAL_POLICY=android-corporate-work-profile) and presets the
// team's "PIN approvals" channel. The Playground shows one person at a time and keeps no history
// across restarts, so the helpdesk side runs after restarting the demo with `--as helpdesk`, the
// same store kept: exactly what the README tells a person trying the demo to do.
import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { deviceName, person } from './support/demo-people';
import { demoSettingsFromEnv, restartDemo } from './support/demo-process';
import { Playground } from './support/playground';
import { en } from './support/words';

const settings = demoSettingsFromEnv();
const CORPORATE_PHONE = deviceName('androidCorporateWorkProfile');
const CHANNEL = 'PIN approvals'; // the team channel in src/demo/playground-config.ts
const employee = person('employee');
const agent = person('helpdeskAgent');

describe('helpdesk approval of a company phone', () => {
  let playground: Playground | undefined;
  after(async () => playground?.close());

  it('as the employee: the request waits for the helpdesk and its card lands in the approvals channel', async () => {
    const page = (playground = await Playground.open(settings, 'approval'));
    await page.step('offer', async () => {
      await page.say('reset my PIN');
      const picker = await page.waitForCard(en('picker.title'));
      await page.deviceIn(picker, CORPORATE_PHONE).getByRole('button', { name: en('picker.choose') }).click();
      return page.waitForCard(en('offer.title.resetWorkProfilePasscode'));
    });

    await page.step('waiting-for-helpdesk', async () => {
      await page.card(en('offer.title.resetWorkProfilePasscode')).getByRole('button', { name: en('offer.confirm.resetWorkProfilePasscode') }).click();
      // Nothing is in progress until someone decides: the card says what it waits for.
      const progress = await page.waitForCard(en('progress.title.awaitingApproval'));
      await progress.getByText(en('progress.awaitingHelpdesk')).waitFor();
      await progress.getByText(en('progress.nothingSentYet')).waitFor();
      return progress;
    });

    await page.step('channel-card', async () => {
      await page.openConversation(CHANNEL);
      const approval = await page.waitForCard(en('approval.title.awaitingApproval'));
      await approval.getByText(employee.name).waitFor();
      await approval.getByText(CORPORATE_PHONE).first().waitFor();
      await approval.getByRole('button', { name: en('approval.button.approve') }).waitFor();
      await approval.getByRole('button', { name: en('approval.button.reject') }).waitFor();
      return approval;
    });
  });

  it('as the helpdesk agent, after a restart: pending, Review, Approve', async () => {
    const stepsSoFar = playground?.stepsTaken ?? 0;
    await playground?.close();
    playground = undefined;
    await restartDemo(settings, 'helpdesk');
    const page = (playground = await Playground.open(settings, 'approval', stepsSoFar));

    await page.step('pending', async () => {
      await page.openConversation(CHANNEL);
      await page.sayToBotInChannel('pending');
      const pending = await page.waitForCard(en('pending.title'));
      await pending.getByText(employee.name).waitFor();
      await pending.getByText(CORPORATE_PHONE).waitFor();
      return pending;
    });

    await page.step('review', async () => {
      await page.card(en('pending.title')).getByRole('button', { name: en('pending.review') }).click();
      const approval = await page.waitForCard(en('approval.title.awaitingApproval'));
      await approval.getByRole('button', { name: en('approval.button.approve') }).waitFor();
      return approval;
    });

    await page.step('approved', async () => {
      await page.card(en('approval.title.awaitingApproval')).getByRole('button', { name: en('approval.button.approve') }).click();
      // Approved, then sent to Intune, then done: the card shows whichever it has reached.
      const decided = await page.waitForAnyCard([en('approval.title.approved'), en('approval.title.executing'), en('approval.title.succeeded')]);
      await decided.getByText(t('en', 'approval.status.approvedBy', { name: agent.name })).waitFor();
      return decided;
    });
  });

  it('as the helpdesk agent: sees the outcome in the history, and never the employee\'s passcode', async () => {
    const page = playground;
    if (!page) throw new Error('the helpdesk agent\'s Playground did not open');
    await page.step('history', async () => {
      // The card the agent approved is a copy (from Review) that nobody updates; the audit trail
      // shows when Intune has finished. New channel posts come first in the Playground, so every
      // history answer is searched.
      const answers = page.page.locator('.ac-adaptiveCard').filter({ has: page.page.getByRole('heading', { name: en('history.title'), exact: true }) });
      const request = answers
        .locator('.ac-container')
        .filter({ has: page.page.getByText(CORPORATE_PHONE, { exact: true }) })
        .filter({ has: page.page.getByText(en('state.succeeded'), { exact: true }) })
        .first();
      for (let attempt = 1; ; attempt++) {
        const answered = await answers.count();
        await page.sayToBotInChannel(`history ${employee.upn}`);
        await answers.nth(answered).waitFor();
        if ((await request.count()) > 0) break;
        if (attempt === 8) throw new Error(`the history never showed the ${CORPORATE_PHONE} request as done`);
        await page.page.waitForTimeout(5000);
      }
      await request.getByText(t('en', 'history.actor.decider', { name: agent.name }), { exact: false }).waitFor();
      return request;
    });

    await page.step('agent-personal-chat', async () => {
      // The temporary passcode is sent to the requester's personal chat right after "Done".
      await page.page.waitForTimeout(5000);
      await page.openConversation('Personal Chat');
      const passcodes = await page.card(en('passcode.title')).count();
      assert.equal(passcodes, 0, `the agent ${agent.name} sees ${employee.name}'s temporary passcode in his own personal chat`);
    });
  });
});
