// RECOVERY_KEY_POLICY=approval through the real bot, the real Graph client, SQLite and the demo
// tenant, whose Entra part answers as Microsoft Learn documents bitlockerRecoveryKey (delegated
// only, registered owners only, an audit entry per `$select=key` read). Written from an attacker's
// view: the key endpoint must not be called before a helpdesk member approved, nobody approves
// their own request or approves without being in the helpdesk group (checked live, not from the
// card), a denied or lapsed approval shows nothing, and the key reaches only the requester's
// personal chat — never the channel card (grepped for the key in every channel activity).
import assert from 'node:assert/strict';
import { textOf, buttonsOf } from '../e2e/cards';
import { approvalThread, helpdesk, inChannel, settle } from '../e2e/approval-setup';
import { lastPersonalCard, users } from '../e2e/setup';
import { anyKeyIn, chooseApprovalChannel, newPcOwner, startRecoveryKeyApprovalWorld, type ApprovalWorld, type PcOwner } from './support/approval-world';

describe('BitLocker recovery key with RECOVERY_KEY_POLICY=approval (real bot, Graph client, demo tenant, SQLite)', () => {
  let world: ApprovalWorld;

  before(async () => {
    world = await startRecoveryKeyApprovalWorld();
    await chooseApprovalChannel(world, helpdesk.agent);
  });
  after(async () => {
    await world?.bot.stop();
    await world?.tenant.stop();
  });
  beforeEach(() => {
    world.tenant.resetLog();
    world.signIn.mode = 'fresh';
    world.signIn.askedFor.length = 0;
  });

  /** Every call to Entra's BitLocker endpoints (the list and the key). */
  function bitlockerCalls(): number {
    return world.tenant.requests.filter((r) => r.path.startsWith('/informationProtection/')).length;
  }
  function keyReads(): number {
    return world.tenant.requests.filter((r) => r.path.startsWith('/informationProtection/bitlocker/recoveryKeys/') && r.query.$select === 'key').length;
  }
  function eventsHolding(secret: string) {
    return world.bot.connector.events.filter((e) => JSON.stringify(e.activity).includes(secret));
  }

  /** "BitLocker" → the one PC → Ask the helpdesk. Returns the request id and the requester's card message. */
  async function askHelpdesk(pc: PcOwner): Promise<{ requestId: string; cardId: string; answer: Record<string, unknown> }> {
    await world.bot.say(pc.user, 'my laptop asks for a BitLocker recovery key');
    const { card, activityId } = lastPersonalCard(world, pc.user);
    assert.ok(!buttonsOf(card).some((b) => b.verb === 'showRecoveryKey'), 'no Key ID step before the helpdesk was asked');
    const ask = buttonsOf(card).find((b) => b.verb === 'askRecoveryKeyApproval');
    assert.deepEqual(ask?.data, { deviceId: pc.deviceId }, 'the card carries the device id only');
    const answer = await world.bot.invoke(pc.user, 'askRecoveryKeyApproval', ask.data, { replyToId: activityId });
    const [request] = await world.bot.store.requestsOf(pc.user.id, ['awaiting_approval']);
    assert.ok(request, 'a request waits for the helpdesk');
    await settle(world);
    return { requestId: request.id, cardId: activityId, answer: answer.body?.value ?? {} };
  }

  /** The newest version of the requester's request card (replaced in place as the helpdesk decides). */
  function requesterCard(pc: PcOwner, cardId: string): Record<string, unknown> {
    const conversationId = world.bot.personalConversationOf(pc.user);
    const latest = world.bot.connector.events.filter((e) => e.conversationId === conversationId && e.activityId === cardId && e.kind === 'update').at(-1);
    const card = (latest?.activity['attachments'] as { content: Record<string, unknown> }[] | undefined)?.[0]?.content;
    assert.ok(card, 'the requester card was updated');
    return card;
  }

  function channelText(requestId: string): string {
    const thread = approvalThread(world, requestId);
    assert.ok(thread, 'the request reached the helpdesk channel');
    return JSON.stringify(world.bot.connector.events.filter((e) => e.conversationId === thread.conversationId));
  }

  it('reads no key before a helpdesk member approves; then the requester signs in and gets it only in their personal chat', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId, cardId, answer } = await askHelpdesk(pc);
    assert.match(textOf(answer), /Waiting for the helpdesk/);
    const thread = approvalThread(world, requestId);
    assert.ok(thread);
    assert.match(textOf(thread.card), new RegExp(`BitLocker recovery key for LAPTOP-RK`));
    assert.doesNotMatch(textOf(thread.card), /PIN reset (waiting|approved|done)|send the reset/, 'not worded as a passcode reset');
    assert.match(textOf(thread.card), /This is not a PIN reset: nothing is sent to the device/);
    assert.ok(!JSON.stringify(thread.card).includes(pc.osKeyId.slice(0, 8)), 'no Key ID on the channel card');
    assert.deepEqual(buttonsOf(thread.card).find((b) => b.verb === 'approveRequest')?.data, { requestId });
    assert.equal(bitlockerCalls(), 0, 'Entra was not asked for anything before the approval');

    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await settle(world);
    assert.equal(bitlockerCalls(), 0, 'approving reads no key either');
    assert.deepEqual(world.signIn.askedFor, [], 'the approver never signs in for the key');
    const approved = requesterCard(pc, cardId);
    assert.match(textOf(approved), /Approved by Alex Rivera/);
    const show = buttonsOf(approved).find((b) => b.verb === 'showApprovedRecoveryKey');
    assert.deepEqual(show?.data, { requestId });

    const shownAnswer = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) }, { replyToId: cardId });
    assert.match(textOf(shownAnswer.body?.value), /next message/);
    assert.deepEqual(world.signIn.askedFor, [pc.user.id], 'the fresh sign-in is the requester\'s');
    const shown = eventsHolding(pc.osKey);
    assert.equal(shown.length, 1, 'one message holds the key');
    assert.equal(shown[0]?.conversationId, world.bot.personalConversationOf(pc.user));
    assert.equal(keyReads(), 1);
    assert.equal(world.tenant.bitlocker.audit.at(-1)?.userId, pc.user.id, 'Entra audited the read as the requester, not the approver');

    await settle(world);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'succeeded');
    assert.ok(!channelText(requestId).includes(pc.osKey), 'no channel activity holds the key');
    assert.ok(!anyKeyIn(channelText(requestId)), 'no channel activity holds any key');
    assert.match(channelText(requestId), /shown to the requester/);
    const trail = await world.bot.store.auditOf(requestId);
    assert.deepEqual(
      trail.filter((e) => ['recoveryKeyRequested', 'approved', 'recoveryKeyShown'].includes(e.event)).map((e) => [e.event, e.actor]),
      [['recoveryKeyRequested', pc.user.id], ['approved', helpdesk.agent.id], ['recoveryKeyShown', pc.user.id]],
    );
    assert.match(trail.find((e) => e.event === 'recoveryKeyShown')?.detail ?? '', new RegExp(pc.deviceId));
    assert.ok(!anyKeyIn(JSON.stringify(trail)), 'the audit never holds a key');

    const again = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.ok(!anyKeyIn(JSON.stringify(again.body)));
    assert.equal(keyReads(), 1, 'one approval shows the key once');
  });

  it('reads and shows the key once when Show key is clicked twice at the same moment', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await settle(world);
    const click = () => world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    await Promise.all([click(), click(), click()]);
    await settle(world);
    assert.equal(keyReads(), 1, 'Entra was asked for the key once');
    assert.equal(eventsHolding(pc.osKey).length, 1, 'one message holds it');
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'succeeded');
  });

  it('keeps the approval after a mistyped Key ID: the retyped one shows the key', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await settle(world);
    const wrong = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: 'deadbeef' });
    assert.match(textOf(wrong.body?.value), /No recovery key of this PC has that Key ID/);
    assert.equal(keyReads(), 0);
    assert.equal(eventsHolding(pc.osKey).length, 0);
    await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.equal(eventsHolding(pc.osKey).length, 1);
  });

  it('speaks zh-TW to a zh-TW requester while the shared channel card stays in HELPDESK_LOCALE', async () => {
    const pc = newPcOwner(world.tenant);
    await world.bot.say(pc.user, 'BitLocker 修復金鑰', { locale: 'zh-TW' });
    const { card, activityId } = lastPersonalCard(world, pc.user);
    assert.match(textOf(card), /向服務台申請/);
    const answer = await world.bot.invoke(pc.user, 'askRecoveryKeyApproval', { deviceId: pc.deviceId }, { replyToId: activityId, locale: 'zh-TW' });
    assert.match(textOf(answer.body?.value), /等待服務台/);
    await settle(world);
    const [request] = await world.bot.store.requestsOf(pc.user.id, ['awaiting_approval']);
    assert.ok(request);
    assert.match(textOf(approvalThread(world, request.id)?.card), /BitLocker recovery key for LAPTOP-RK/);
    await world.bot.invoke(pc.user, 'cancelReset', { requestId: request.id }, { locale: 'zh-TW' });
    assert.equal((await world.bot.store.getRequest(request.id))?.state, 'cancelled', 'the requester can withdraw it while it waits');
  });

  it('refuses the self-service click (showRecoveryKey) under approval: no sign-in, no Entra call', async () => {
    const pc = newPcOwner(world.tenant);
    await world.bot.say(pc.user, 'BitLocker');
    const answer = await world.bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /not approved/);
    assert.equal(bitlockerCalls(), 0);
    assert.deepEqual(world.signIn.askedFor, []);
  });

  it('shows nothing for a request that waits for approval, however the click is made', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    const answer = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /Waiting for the helpdesk/);
    assert.equal(bitlockerCalls(), 0);
    assert.deepEqual(world.signIn.askedFor, [], 'not even a sign-in is asked for');
  });

  it('refuses a helpdesk member who approves their own request (the rule of passcode resets)', async () => {
    const pc = newPcOwner(world.tenant, { helpdesk: true });
    const { requestId } = await askHelpdesk(pc);
    const answer = await world.bot.invoke(pc.user, 'approveRequest', { requestId }, inChannel());
    assert.match(textOf(answer.body?.value), /own request/i);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
    const show = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.ok(!anyKeyIn(JSON.stringify(show.body)));
    assert.equal(bitlockerCalls(), 0);
  });

  it('refuses a forged approve click from someone outside the helpdesk group (membership re-read from Entra)', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    const answer = await world.bot.invoke(users.other, 'approveRequest', { requestId }, inChannel());
    assert.match(textOf(answer.body?.value), /helpdesk|not allowed|only/i);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
    // The same forged click from a personal chat, where no card was ever shown to them.
    await world.bot.invoke(users.other, 'approveRequest', { requestId });
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
    const show = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.ok(!anyKeyIn(JSON.stringify(show.body)));
    assert.equal(bitlockerCalls(), 0);
  });

  it('gives nothing to another person who sends the id of an approved request', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await settle(world);
    await world.bot.say(users.other, 'hello');
    const answer = await world.bot.invoke(users.other, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /not yours/);
    assert.equal(bitlockerCalls(), 0);
    assert.equal(eventsHolding(pc.osKey).length, 0);
  });

  it('tells the requester a denial, with the reason, and shows nothing afterwards', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId, cardId } = await askHelpdesk(pc);
    await world.bot.invoke(helpdesk.agent, 'rejectRequest', { requestId, reason: 'Please call us first' }, inChannel());
    await settle(world);
    const denied = requesterCard(pc, cardId);
    assert.match(textOf(denied), /did not approve/);
    assert.match(textOf(denied), /Please call us first/);
    assert.ok(!buttonsOf(denied).some((b) => b.verb === 'showApprovedRecoveryKey'));
    const answer = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.ok(!anyKeyIn(JSON.stringify(answer.body)));
    assert.equal(bitlockerCalls(), 0);
    assert.equal(eventsHolding(pc.osKey).length, 0);
    const trail = await world.bot.store.auditOf(requestId);
    assert.deepEqual(trail.filter((e) => e.event === 'rejected').map((e) => e.actor), [helpdesk.agent.id], 'the audit names who denied');
  });

  it('lets an approval lapse after APPROVAL_TTL: the late click reads nothing and the request ends expired', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await settle(world);
    // APPROVAL_TTL has passed since the approval (the timer of this instance has not fired yet).
    const approved = await world.bot.store.getRequest(requestId);
    assert.ok(approved?.expiresAt && Date.parse(approved.expiresAt) > Date.now() + 59 * 60_000, 'usable for APPROVAL_TTL after the decision');
    await world.bot.store.patch(requestId, approved.version, { expiresAt: new Date(Date.now() - 1_000).toISOString() });
    const answer = await world.bot.invoke(pc.user, 'showApprovedRecoveryKey', { requestId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /expired/);
    assert.equal(bitlockerCalls(), 0);
    assert.deepEqual(world.signIn.askedFor, []);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'expired');
  });

  it('sends no resetPasscode and no Intune action for an approved recovery-key request, even after a restart of work', async () => {
    const pc = newPcOwner(world.tenant);
    const { requestId } = await askHelpdesk(pc);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await settle(world);
    await world.bot.running.app.resumeOpenWork();
    await world.bot.running.app.adoptOrphanedWork();
    // And straight at the executor, as a stale timer or a bug would call it.
    await world.bot.running.app.executor.execute(requestId);
    await settle(world);
    assert.equal(world.tenant.requests.filter((r) => r.method === 'POST' && r.path.includes('/managedDevices/')).length, 0);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'approved', 'still waiting for its requester');
  });
});
