import assert from 'node:assert/strict';
import { device } from '../intune/device-builder';
import { intuneFailure } from './support/fakes';
import { ALICE, BOB, HOUR, TENANT, World, type Instance } from './support/world';

// "Reset my PIN" up to the confirm card (src/reset/service.ts), straight on the domain.
describe('offering a reset (RequestService)', () => {
  let world: World;
  let bot: Instance;

  beforeEach(() => {
    world = new World({ maxRequestsPerDay: 3 });
    bot = world.startInstance();
  });

  afterEach(() => assert.deepEqual(world.errors(), []));

  it('answers noDevices when Intune lists none for the user', async () => {
    assert.deepEqual(await bot.app.requests.requestReset(world.requester()), { kind: 'noDevices' });
  });

  it('offers the only device at once, and lets the user pick between several', async () => {
    world.iphone();
    const single = await bot.app.requests.requestReset(world.requester());
    assert.equal(single.kind, 'offer');
    world.workProfile();
    const several = await bot.app.requests.requestReset(world.requester());
    assert.equal(several.kind, 'pick');
    assert.equal(several.kind === 'pick' ? several.devices.length : 0, 2);
  });

  // Attacker's view / a Graph filter bug: /users/{id}/managedDevices must list only devices whose
  // primary user is {id}; anything else Graph returns is dropped before it is offered or named.
  it("does not list another user's device that Graph returned in /users/{id}/managedDevices", async () => {
    const mine = world.iphone(ALICE, 'alice-phone');
    const bobs = world.iphone(BOB, 'bob-phone');
    world.intune.listing = () => [mine, bobs];
    const outcome = await bot.app.requests.requestReset(world.requester(ALICE));
    assert.equal(outcome.kind, 'offer', 'only her own device is left, so it is offered directly');
    assert.equal(outcome.kind === 'offer' ? outcome.request.device.deviceId : '', 'alice-phone');
    world.intune.listing = () => [bobs];
    assert.deepEqual(await bot.app.requests.requestReset(world.requester(ALICE)), { kind: 'noDevices' });
    assert.deepEqual(await world.store.requestsOf(ALICE, ['awaiting_confirmation']).then((r) => r.map((x) => x.device.deviceId)), ['alice-phone']);
  });

  it("refuses a device id (from card data) whose primary user is someone else, without naming it", async () => {
    world.iphone(BOB, 'bob-phone');
    const step = await bot.app.requests.chooseDevice(world.requester(ALICE), 'bob-phone');
    assert.equal(step.kind, 'refuse');
    assert.equal(step.kind === 'refuse' ? step.reason : '', 'notPrimaryUser');
    assert.equal(step.kind === 'refuse' ? step.device.deviceName : 'x', '');
    assert.deepEqual(await world.store.requestsInStates(['awaiting_confirmation']), []);
  });

  it('guides a Windows PC to "I forgot my PIN" instead of offering an action', async () => {
    world.intune.add(device({ id: 'pc', userId: ALICE, operatingSystem: 'Windows', osVersion: '10.0.22631.1', model: 'Surface' }));
    const step = await bot.app.requests.chooseDevice(world.requester(), 'pc');
    assert.equal(step.kind, 'guide');
  });

  it('answers deviceNotFound for an id Intune does not know', async () => {
    assert.deepEqual(await bot.app.requests.chooseDevice(world.requester(), 'gone'), { kind: 'problem', problem: { kind: 'deviceNotFound' } });
  });

  it('gives back the same offer for a second "reset my PIN" on the device, and inProgress once confirmed', async () => {
    world.iphone();
    const first = await world.offer(bot, 'iphone-a11c');
    const again = await world.offer(bot, 'iphone-a11c');
    assert.equal(again.id, first.id);
    await bot.app.confirmations.confirm(world.requester(), first.id, undefined);
    const later = await bot.app.requests.chooseDevice(world.requester(), 'iphone-a11c');
    assert.equal(later.kind, 'inProgress');
  });

  // The device changed hands (Intune's "change primary user") while the old owner's request is
  // open: the new owner may not open a second request on it, nor take over the old one.
  it('refuses the new owner of a device while the old owner’s request on it is open (deviceHasOpenRequest)', async () => {
    world.iphone(ALICE, 'shared-phone');
    const alices = await world.offer(bot, 'shared-phone', world.requester(ALICE));
    world.intune.add({ ...(world.intune.devices.get('shared-phone') ?? device()), userId: BOB });
    const step = await bot.app.requests.chooseDevice(world.requester(BOB), 'shared-phone');
    assert.deepEqual(step, { kind: 'problem', problem: { kind: 'deviceHasOpenRequest' } });
    assert.equal((await world.store.requestsInStates(['awaiting_confirmation'])).length, 1);
    assert.equal((await world.current(alices.id)).requesterId, ALICE);
  });

  // A reviewer's finding: nothing expires an offer nobody confirmed, and it held the device's one
  // open request for ever — the new owner could never reset the phone they were given.
  it('lets the new owner reset once the old owner’s unconfirmed offer is a day old (the offer expires)', async () => {
    world.iphone(ALICE, 'shared-phone');
    const alices = await world.offer(bot, 'shared-phone', world.requester(ALICE));
    world.intune.add({ ...(world.intune.devices.get('shared-phone') ?? device()), userId: BOB });
    await world.clock.advance(24 * HOUR);
    const step = await bot.app.requests.chooseDevice(world.requester(BOB), 'shared-phone');
    assert.equal(step.kind, 'offer');
    assert.equal((await world.current(alices.id)).state, 'expired');
    assert.equal((await world.store.openRequestForDevice('shared-phone'))?.requesterId, BOB);
  });

  it('refuses a fourth request in 24 hours (MAX_REQUESTS_PER_USER_PER_DAY=3) and says when the oldest stops counting', async () => {
    const requester = world.requester();
    for (let i = 0; i < 3; i += 1) {
      world.iphone(ALICE, `phone-${i}`);
      const offered = await world.offer(bot, `phone-${i}`, requester);
      await bot.app.confirmations.cancel(requester, offered.id);
      await world.clock.advance(HOUR);
    }
    world.iphone(ALICE, 'phone-3');
    const refused = await bot.app.requests.chooseDevice(requester, 'phone-3');
    assert.equal(refused.kind, 'problem');
    const problem = refused.kind === 'problem' ? refused.problem : undefined;
    assert.equal(problem?.kind, 'tooManyRequests');
    const firstCreated = (await world.store.requestsOf(ALICE, ['cancelled'])).at(-1)?.createdAt ?? '';
    assert.equal(problem?.kind === 'tooManyRequests' ? problem.retryAt : '', new Date(Date.parse(firstCreated) + 24 * HOUR).toISOString());
    await world.clock.advance(22 * HOUR);
    assert.equal((await bot.app.requests.chooseDevice(requester, 'phone-3')).kind, 'offer', 'a day after the first one, one more is allowed');
  });

  it('words Graph failures as problems: permission missing, unavailable, unknown identity', async () => {
    const requester = world.requester();
    world.intune.listFailure = intuneFailure('forbidden', 'DeviceManagementManagedDevices.Read.All');
    assert.deepEqual(await bot.app.requests.requestReset(requester), {
      kind: 'problem',
      problem: { kind: 'graphPermissionMissing', permission: 'DeviceManagementManagedDevices.Read.All' },
    });
    world.intune.listFailure = intuneFailure('unavailable');
    assert.deepEqual(await bot.app.requests.requestReset(requester), { kind: 'problem', problem: { kind: 'graphUnavailable' } });
    world.intune.listFailure = intuneFailure('notFound');
    assert.deepEqual(await bot.app.requests.requestReset(requester), { kind: 'problem', problem: { kind: 'missingIdentity' } });
  });

  it('keeps the tenant and requester from the channel on the stored request', async () => {
    world.iphone();
    const offered = await world.offer(bot, 'iphone-a11c');
    assert.equal(offered.tenantId, TENANT);
    assert.equal(offered.requesterId, ALICE);
    assert.deepEqual(world.store.eventsOf(offered.id), ['offered']);
  });
});
