// "Reset my PIN" opens a request with one store write; the message that holds its card is learned
// from the click. Teams sends an Action.Execute click as an `adaptiveCard/action` invoke whose
// replyToId is the id of the message holding the card (Bot Framework Activity schema: replyToId,
// "the ID of the message to which this activity is a reply"; Microsoft Learn, "Update and delete
// messages sent from bot": an update targets that activity id), so nothing needs to be written
// after the reply, and the card still updates in place — also when another instance (here: the
// bot restarted on the same store) gets the click.
import assert from 'node:assert/strict';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { textOf } from './cards';
import { lastPersonalCard, offerFor, startWorld, stopWorld, users, waitForState, type World } from './setup';

describe('the card of a request is remembered on the first click, not by a write after the reply', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => stopWorld(world));

  it('a "reset my PIN" turn writes the request once: no second write to remember the card', async () => {
    const { confirm } = await offerFor(world, users.oneDevice);
    const stored = await world.bot.store.getRequest(String(confirm.data['requestId']));
    assert.equal(stored?.version, 1, 'the request as inserted, not patched after the reply');
    assert.equal(stored?.cardActivityId, null);
  });

  it('the clicked card is the one updated in place, even when "reset my PIN" was said twice', async () => {
    const first = await offerFor(world, users.oneDevice);
    const second = await offerFor(world, users.oneDevice);
    assert.equal(second.confirm.data['requestId'], first.confirm.data['requestId'], 'one open request per device');
    assert.notEqual(second.cardId, first.cardId);
    const answer = await world.bot.invoke(users.oneDevice, 'confirmReset', first.confirm.data, { replyToId: first.cardId });
    assert.match(textOf(answer.body?.value), /in progress/i);
    const requestId = String(first.confirm.data['requestId']);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    assert.equal((await world.bot.store.getRequest(requestId))?.cardActivityId, first.cardId);
    const updated = lastPersonalCard(world, users.oneDevice);
    assert.equal(updated.activityId, first.cardId, 'the outcome replaces the clicked card');
    assert.match(textOf(updated.card), /passcode was removed/i);
  });

  it('a click handled by another instance of the bot (restarted on the same store) updates the card in place', async () => {
    const { confirm, cardId } = await offerFor(world, users.employee, D.androidFullyManaged);
    const before = world.bot;
    await before.stop({ keepConnector: true });
    world = await startWorld({ tenant: world.tenant, restartOf: before });
    await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    const requestId = String(confirm.data['requestId']);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    assert.equal(lastPersonalCard(world, users.employee).activityId, cardId, 'the outcome replaces the offer card');
  });
});
