import assert from 'node:assert/strict';
import { textOf } from '../e2e/cards';
import { CHANNEL_ID, cancelOpenRequests, helpdesk, inChannel, requestNeedingApproval, startApprovalWorld } from '../e2e/approval-setup';
import { stopWorld, users, type World } from '../e2e/setup';
import type { ActivityOptions, TestUser } from '../support/bot-harness';

/*
 * The attack (issue 15, "Ways in" 4): `history <person>` and `pending` checked who asks but not
 * where. A helpdesk agent typing `history chihhao` in a company-wide channel (or a group chat)
 * posted that person's requests, devices and audit trail for everyone there to read. Answers go
 * only to the configured approval channel or to a helpdesk member's personal chat with the bot.
 */
const COMPANY_CHANNEL = '19:company-wide@thread.tacv2';
const SECRETS = ['Lin Chih-Hao', '林志豪', 'chihhao@'];

describe('where helpdesk commands are answered', () => {
  let world: World;
  before(async () => {
    world = await startApprovalWorld();
    // One request waiting (for `pending`) gives Lin a history too.
    await requestNeedingApproval(world, users.oneDevice);
  });
  after(async () => {
    await cancelOpenRequests(world, users.oneDevice);
    await stopWorld(world);
  });

  async function answerTo(user: TestUser, text: string, options: ActivityOptions): Promise<string> {
    const before = world.bot.connector.events.length;
    await world.bot.say(user, text, options);
    const replies = world.bot.connector.events.slice(before);
    assert.equal(replies.length, 1, 'one answer');
    return textOf(replies[0]?.activity);
  }

  function assertNothingLeaked(text: string): void {
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `the answer shows ${secret}: ${text}`);
  }

  const elsewhere: [string, ActivityOptions][] = [
    ['another channel', inChannel({ channelId: COMPANY_CHANNEL, conversationId: `${COMPANY_CHANNEL};messageid=7` })],
    ['a group chat', { conversationType: 'groupChat', conversationId: '19:group-chat@thread.v2' }],
  ];
  for (const [place, options] of elsewhere) {
    for (const command of ['<at>PIN reset</at> history chihhao@contoso.example', '<at>PIN reset</at> pending']) {
      it(`refuses "${command.replace('<at>PIN reset</at> ', '')}" from a helpdesk member in ${place}, naming nobody`, async () => {
        const text = await answerTo(helpdesk.agent, command, options);
        assertNothingLeaked(text);
        assert.match(text, /approval channel|personal chat/i);
      });
    }
  }

  it('answers history in the approval channel', async () => {
    const text = await answerTo(helpdesk.agent, '<at>PIN reset</at> history chihhao@contoso.example', inChannel());
    assert.ok(text.includes('Lin Chih-Hao'), text);
  });

  it('answers pending and history in a helpdesk member’s personal chat', async () => {
    assert.ok((await answerTo(helpdesk.agent, 'pending', {})).includes('Lin Chih-Hao'));
    assert.ok((await answerTo(helpdesk.agent, 'history chihhao@contoso.example', {})).includes('Lin Chih-Hao'));
  });

  for (const [place, options] of [['their personal chat', {}], ['the approval channel', inChannel()]] as [string, ActivityOptions][]) {
    it(`refuses history and pending to a non-member in ${place}, naming nobody`, async () => {
      for (const command of ['history chihhao@contoso.example', 'pending']) {
        const text = await answerTo(users.other, command, options);
        assertNothingLeaked(text);
      }
    });
  }

  it('keeps the approval channel where it was', async () => {
    assert.match((await world.bot.store.setting('approvalChannel')) ?? '', new RegExp(CHANNEL_ID.replace(/[.]/g, '\\.')));
  });
});
