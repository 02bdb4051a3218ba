// The guard every scenario relies on: when the Playground says it cannot show a card, the test
// sees it. A card with `refresh` (a user-specific view, which the Playground does not perform) is
// posted into the personal chat through the Playground's connector, exactly as a bot posts one.
import assert from 'node:assert/strict';
import { PLAYGROUND_BOT_ID } from '../../src/demo/playground-config';
import { demoSettingsFromEnv, personalChatId, playgroundUrl } from './support/demo-process';
import { Playground } from './support/playground';

const settings = demoSettingsFromEnv();

describe('the guard against cards the Playground cannot show', () => {
  let playground: Playground;
  before(async () => (playground = await Playground.open(settings, 'guard')));
  after(async () => playground?.close());

  it('notices the Playground\'s "not supported" warning for a card', async () => {
    await playground.expectNoUnsupportedCards();
    const response = await fetch(`${playgroundUrl(settings)}/_connector/v3/conversations/${encodeURIComponent(personalChatId(settings))}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        from: { id: PLAYGROUND_BOT_ID },
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              version: '1.5',
              body: [{ type: 'TextBlock', text: 'A card only Teams can show in full', style: 'heading' }],
              refresh: { action: { type: 'Action.Execute', verb: 'probe' }, userIds: ['29:someone'] },
            },
          },
        ],
      }),
    });
    assert.equal(response.status, 201);
    await playground.waitForCard('A card only Teams can show in full');
    await playground.page.getByText(/User specific view is not supported yet/).first().waitFor();
    await playground.screenshot('guard-1-warning-seen');
    const warnings = await playground.unsupportedCardWarnings();
    assert.ok(warnings.some((w) => w.includes('User specific view is not supported yet')), warnings.join('\n'));
    await assert.rejects(playground.expectNoUnsupportedCards(), /cannot show a card/);
  });
});
