// Devices in the shape real tenants report them (DESIGN.md "How real tenants report Android
// devices"; Microsoft Learn "Android Management API for personally owned work profiles"; Intune
// Customer Success blog, Jan 2025), end to end: real server, Graph client, demo tenant, SQLite.
import assert from 'node:assert/strict';
import { DEMO_DEVICE_IDS as D, DEMO_HELPDESK_GROUP_ID } from '../../src/demo/tenant';
import { buttonsOf, textOf } from './cards';
import { lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from './setup';

/** A personally owned work profile read without beta deviceType: v1.0 fields alone cannot tell it from device administrator. */
const WITHOUT_DEVICE_TYPE = { managementAgent: 'mdm', deviceType: '' };

describe('real-tenant device shapes, end to end', () => {
  describe('with a helpdesk group and no approval policy', () => {
    let world: World;
    before(async () => {
      world = await startWorld({ env: { HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID } });
    });
    after(() => stopWorld(world));
    beforeEach(() => world.tenant.resetLog());

    for (const [shape, deviceId] of [
      ['Company Portal as device policy controller (mdm, userEnrollment, androidForWork)', D.androidWorkProfile],
      ['Android Management API (googleCloudDevicePolicyController, userEnrollment, androidForWork)', D.androidWorkProfileAmapi],
    ] as const) {
      it(`resets the work profile of a personally owned phone shaped by ${shape}, reading devices from beta`, async () => {
        const { confirm, cardId, card } = await offerFor(world, users.employee, deviceId);
        assert.match(textOf(card), /Reset the work profile passcode\?/);
        assert.match(textOf(card), /personally owned work profile/);
        await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
        const requestId = String(confirm.data['requestId']);
        assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
        const passcode = world.tenant.data.actionResults(deviceId).at(-1)?.passcode;
        assert.ok(passcode && world.bot.connector.events.some((e) => JSON.stringify(e.activity).includes(passcode)), 'the temporary passcode reached her');
        // Device reads on beta (deviceType exists only there), the action on v1.0; one read per device per step.
        const reads = world.tenant.requests.filter((r) => r.method === 'GET' && !r.path.endsWith('/manager') && !r.query.$select?.includes('deviceActionResults'));
        assert.ok(reads.length > 0 && reads.every((r) => r.version === 'beta' && r.query.$select?.split(',').includes('deviceType')), JSON.stringify(reads));
        const post = world.tenant.requests.find((r) => r.method === 'POST');
        assert.equal(post?.version, 'v1.0');
        const byIdBeforeAction = world.tenant.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/managedDevices/${deviceId}`) && r.query.$select?.includes('deviceType'));
        assert.equal(byIdBeforeAction.length, 2, 'the pick and the re-check right before acting, nothing more');
      });
    }

    it('sends an Android phone whose mode Graph leaves open to the helpdesk instead of refusing it', async () => {
      world.tenant.data.updateDevice(D.androidWorkProfileAmapi, WITHOUT_DEVICE_TYPE);
      try {
        const { confirm, cardId, card } = await offerFor(world, users.employee, D.androidWorkProfileAmapi);
        assert.match(textOf(card), /helpdesk checks it in Intune before anything is sent/);
        assert.doesNotMatch(textOf(card), /factory settings|wipe/);
        const answer = await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
        const requestId = String(confirm.data['requestId']);
        assert.equal(await waitForState(world, requestId, ['awaiting_approval', 'approved', 'executing', 'succeeded']), 'awaiting_approval');
        assert.equal((await world.bot.store.getRequest(requestId))?.approver, 'helpdesk');
        assert.match(textOf(answer.body?.value), /Waiting for approval/);
        assert.equal(resetPasscodePosts(world.tenant, D.androidWorkProfileAmapi), 0);
        await world.bot.invoke(users.employee, 'cancelReset', confirm.data);
      } finally {
        world.tenant.data.updateDevice(D.androidWorkProfileAmapi, { managementAgent: 'googleCloudDevicePolicyController', deviceType: 'androidForWork' });
      }
    });
  });

  describe('without a helpdesk group', () => {
    let world: World;
    before(async () => {
      world = await startWorld();
    });
    after(() => stopWorld(world));

    it('says what is known about an Android phone of unknown mode and points to the helpdesk, without factory-reset advice', async () => {
      world.tenant.data.updateDevice(D.androidWorkProfile, WITHOUT_DEVICE_TYPE);
      try {
        await world.bot.say(users.employee, 'reset my PIN');
        const { activityId } = lastPersonalCard(world, users.employee);
        const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.androidWorkProfile }, { replyToId: activityId });
        const text = textOf(answer.body?.value);
        assert.match(text, /does not report whether this Android device has a work profile or is managed as device administrator/);
        assert.match(text, /helpdesk can see the device in Intune/);
        assert.doesNotMatch(text, /may mean resetting the device to factory settings/);
        assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'confirmReset'), []);
      } finally {
        world.tenant.data.updateDevice(D.androidWorkProfile, { managementAgent: 'mdm', deviceType: 'androidForWork' });
      }
    });
  });
});
