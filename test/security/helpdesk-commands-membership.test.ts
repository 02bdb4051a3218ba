import assert from 'node:assert/strict';
import { cancelOpenRequests, helpdesk, inChannel, requestNeedingApproval, settle, startApprovalWorld } from '../e2e/approval-setup';
import { stopWorld, users, type World } from '../e2e/setup';
import type { TestUser } from '../support/bot-harness';

// Attacker's view: `pending` and `history <person>` read requesters, devices and audit trails.
// They answer helpdesk members only; anyone else who can type in the approval channel (a guest,
// a colleague added to the team) gets a refusal that names nobody and no device. The question is
// asked where a member's question would be answered (the approval channel), so only the
// membership check stands between the asker and the answer.
describe('helpdesk commands asked by someone outside the helpdesk group', () => {
  let world: World;
  let requestId: string;
  const REQUESTER_NAME = /Lin Chih-Hao|林志豪/;
  const DEVICE_NAME = /Chih-Hao's iPhone|iPhone 13/;

  before(async () => {
    world = await startApprovalWorld();
    requestId = await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
  });
  after(async () => {
    await cancelOpenRequests(world, users.oneDevice);
    await stopWorld(world);
  });

  async function ask(asker: TestUser, text: string): Promise<string> {
    const before = world.bot.connector.events.length;
    await world.bot.say(asker, `<at>PIN reset</at> ${text}`, inChannel());
    const replies = world.bot.connector.events.slice(before).filter((e) => e.kind === 'send' || e.kind === 'reply');
    assert.ok(replies.length > 0, `the bot answered "${text}"`);
    return JSON.stringify(replies.map((e) => e.activity));
  }

  it('a helpdesk member asking `pending` sees the waiting request (control)', async () => {
    assert.match(await ask(helpdesk.agent, 'pending'), REQUESTER_NAME);
  });

  it('refuses `pending` from a non-member: no requester name, no device', async () => {
    const answer = await ask(users.other, 'pending');
    assert.doesNotMatch(answer, REQUESTER_NAME);
    assert.doesNotMatch(answer, DEVICE_NAME);
    assert.equal(answer.includes(requestId), false);
    assert.match(answer, /helpdesk/i, 'it says the command is for the helpdesk');
  });

  it('refuses `history <person>` from a non-member: no name, no device, no audit trail', async () => {
    const answer = await ask(users.other, 'history Lin');
    assert.doesNotMatch(answer, REQUESTER_NAME);
    assert.doesNotMatch(answer, DEVICE_NAME);
    assert.equal(answer.includes(requestId), false);
    assert.doesNotMatch(answer, /confirmed|offered/i);
  });
});
