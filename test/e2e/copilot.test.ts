// Microsoft 365 Copilot Chat delivers a custom engine agent's conversation through the bot's Teams
// channel: "Currently M365 Copilot appears as the team's channel; to access it you will need to
// add the Teams channel to your ABS channels" (Microsoft, microsoft/Agents-for-net#224). So the
// activity is a Teams one (channelId "msteams") in a one-to-one conversation; the sample payload
// Microsoft gave in MicrosoftDocs/msteams-docs#12754 carries no conversationType at all and a
// clientInfo entity. The bot must answer both exactly as it answers a Teams personal chat.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '../../src/demo/tenant';
import { buttonsOf, textOf } from './cards';
import { lastPersonalCard, startWorld, stopWorld, users, type World } from './setup';

describe('Microsoft 365 Copilot Chat (custom engine agent over the Teams channel)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));

  function copilotActivity(conversationId: string, shape: 'personal' | 'withoutType'): Record<string, unknown> {
    const user = users.employee;
    return {
      type: 'message',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: world.bot.connector.url,
      locale: 'en-US',
      text: 'reset my PIN',
      from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
      recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
      conversation: { id: conversationId, tenantId: DEMO_TENANT_ID, ...(shape === 'personal' ? { conversationType: 'personal' } : {}) },
      entities: [{ type: 'clientInfo', locale: 'en-US', platform: 'Web' }],
      channelData: { tenant: { id: DEMO_TENANT_ID } },
    };
  }

  async function answerIn(conversationId: string, activity: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await world.bot.post(activity);
    assert.ok(response.status < 300, `status ${response.status}`);
    const cards = world.bot.connector.cardsIn(conversationId);
    const card = cards.at(-1);
    assert.ok(card, `a card in ${conversationId}`);
    return card;
  }

  for (const shape of ['personal', 'withoutType'] as const) {
    it(`answers "reset my PIN" with the same device picker as a Teams personal chat (${shape === 'personal' ? 'conversationType personal' : 'no conversationType'})`, async () => {
      await world.bot.say(users.employee, 'reset my PIN');
      const teams = lastPersonalCard(world, users.employee).card;
      const conversationId = `a:copilot-${shape}-${randomUUID()}`;
      const copilot = await answerIn(conversationId, copilotActivity(conversationId, shape));
      assert.deepEqual(buttonsOf(copilot), buttonsOf(teams));
      assert.equal(textOf(copilot), textOf(teams));
      assert.ok(buttonsOf(copilot).some((b) => b.verb === 'chooseDevice'));
    });
  }
});
