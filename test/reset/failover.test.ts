import assert from 'node:assert/strict';
import { Gate, HIDDEN_TEXT } from './support/fakes';
import { MINUTE, World, type Instance } from './support/world';

// Several instances share one store (README "Running more than one instance"). An instance that
// dies (kill -9, a crashed container) leaves its background work behind; another one must finish
// it within 60 s at the default settings (WORK_LEASE_SECONDS=30, a sweep every 10 s), and must not
// take over from an instance that is alive but waiting on a slow Graph call.
describe('failover between instances (manual clock, default lease of 30 s)', () => {
  let world: World;
  let a: Instance;
  let b: Instance;

  beforeEach(() => {
    world = new World({ passcodeVisibleMs: 5 * MINUTE });
    a = world.startInstance('A');
    b = world.startInstance('B');
    b.app.watchForOrphanedWork(world.polling.leaseMs / 3);
  });

  afterEach(() => assert.deepEqual(world.errors(), []));

  /** Advances a second at a time until `done`; answers the virtual seconds it took. */
  async function secondsUntil(done: () => Promise<boolean>, limitSeconds: number): Promise<number> {
    for (let s = 0; s <= limitSeconds; s += 1) {
      if (await done()) return s;
      await world.clock.advance(1000);
    }
    assert.fail(`not done within ${limitSeconds} s`);
  }

  it('takes over a follow-up whose instance died mid-check, and ends it within 60 s of the crash', async () => {
    world.workProfile();
    const request = await world.confirmed(a, 'android-a11c');
    await world.clock.runDue();
    world.intune.resultGate = new Gate(); // A's check hangs in Graph …
    await world.clock.advance(world.polling.firstDelayMs);
    assert.equal(world.intune.resultGate.waiting, 1);
    await world.clock.advance(15_000); // … and A renews its claim meanwhile
    await a.kill(); // then A dies with the check claimed
    world.intune.resultGate = undefined;
    world.intune.complete('android-a11c', '271828');
    const seconds = await secondsUntil(async () => (await world.current(request.id)).state === 'succeeded', 120);
    assert.ok(seconds <= 45, `taken over ${seconds} s after the crash (1.5 × the 30 s lease)`);
    assert.deepEqual(world.passcodes.visible(), ['Your temporary passcode: 271828']);
    assert.deepEqual(world.intune.posts, ['android-a11c']);
  });

  it('takes over an approved request whose instance died before sending, within 60 s, with one resetPasscode', async () => {
    world.iphone();
    const request = await world.offer(a, 'iphone-a11c');
    world.intune.deviceGate = new Gate(); // A's device re-read right before acting hangs …
    await a.app.confirmations.confirm(world.requester(), request.id, undefined);
    await world.clock.runDue();
    await world.clock.advance(10_000);
    await a.kill(); // … and A dies there
    world.intune.deviceGate = undefined;
    const seconds = await secondsUntil(async () => (await world.current(request.id)).state === 'executing', 120);
    assert.ok(seconds <= 45, `sent ${seconds} s after the crash (1.5 × the 30 s lease)`);
    assert.deepEqual(world.intune.posts, ['iphone-a11c']);
  });

  it('does not take over from a live instance whose Graph read takes longer than the lease', async () => {
    world.workProfile();
    const request = await world.confirmed(a, 'android-a11c');
    await world.clock.runDue();
    let reads = 0;
    world.intune.resultRead = () => {
      reads += 1;
      return 'asStored';
    };
    const slow = new Gate();
    world.intune.resultGate = slow;
    await world.clock.advance(world.polling.firstDelayMs);
    await world.clock.advance(3 * world.polling.leaseMs); // A is alive, waiting on Graph
    assert.equal(slow.waiting, 1, 'B did not start a second check while A holds the claim');
    world.intune.complete('android-a11c', '314159');
    slow.open();
    await world.clock.runDue();
    assert.equal(reads, 1);
    assert.equal((await world.current(request.id)).state, 'succeeded');
    assert.deepEqual(world.passcodes.shownFor(request.id), ['Your temporary passcode: 314159']);
  });

  it('does not take over an approved request while its instance re-reads the device for longer than the lease', async () => {
    world.iphone();
    const request = await world.offer(a, 'iphone-a11c');
    const slow = new Gate();
    world.intune.deviceGate = slow;
    await a.app.confirmations.confirm(world.requester(), request.id, undefined);
    await world.clock.advance(3 * world.polling.leaseMs);
    assert.equal(slow.waiting, 1, 'B did not start a second execution while A holds the claim');
    slow.open();
    await world.clock.runDue();
    assert.deepEqual(world.intune.posts, ['iphone-a11c']);
  });

  it('does not take over a request its approver is still announcing (slow outbox), and sends once', async () => {
    const waiting = new World({ approval: { kind: 'all' } });
    world = waiting;
    const approver = waiting.startInstance('A');
    const other = waiting.startInstance('B');
    other.app.watchForOrphanedWork(waiting.polling.leaseMs / 3);
    waiting.iphone();
    const request = await waiting.confirmed(approver, 'iphone-a11c');
    await waiting.clock.runDue();
    const slow = new Gate();
    waiting.notifier.gate = slow;
    const decided = await approver.app.approvals.decide({ tenantId: request.tenantId, aadObjectId: '4e1e0000-0000-4000-8000-000000000003', name: 'Helen' }, request.id, 'approve', undefined);
    assert.equal(decided.kind, 'decided');
    await waiting.clock.advance(3 * waiting.polling.leaseMs);
    assert.deepEqual(waiting.intune.posts, [], 'B did not start the action while A announces it');
    waiting.notifier.gate = undefined;
    slow.open();
    await waiting.clock.runDue();
    assert.deepEqual(waiting.intune.posts, ['iphone-a11c']);
  });

  it('hides a passcode shown by an instance that died, at most half of PASSCODE_VISIBLE_MINUTES late', async () => {
    world.workProfile();
    const request = await world.confirmed(a, 'android-a11c');
    await world.clock.runDue();
    world.intune.complete('android-a11c', '161803');
    await world.clock.advance(world.polling.firstDelayMs);
    assert.equal(world.passcodes.visible().length, 1);
    await a.kill();
    const hideAt = Date.parse((await world.current(request.id)).hidePasscodeAt ?? '');
    await world.clock.advance(hideAt - world.clock.now().getTime());
    const late = await secondsUntil(async () => world.passcodes.shownFor(request.id)[0] === HIDDEN_TEXT, 300);
    assert.ok(late <= 150 + 5, `hidden ${late} s after PASSCODE_VISIBLE_MINUTES (5 min)`);
  });

  // Restart recovery (resumeOpenWork) on one instance and orphan adoption on another reach the
  // same approved request at once: the approved → executing compare-and-set lets one of them send.
  it('two executions of one approved request racing (restart recovery vs orphan adoption) send one resetPasscode', async () => {
    world.iphone();
    const request = await world.offer(a, 'iphone-a11c');
    world.intune.deviceGate = new Gate();
    await a.app.confirmations.confirm(world.requester(), request.id, undefined);
    await world.clock.runDue();
    await a.kill();
    world.intune.deviceGate = undefined;
    world.clock.skip(world.polling.leaseMs + 1); // overdue for adoption; no timer ran meanwhile
    const restarted = world.startInstance('A after restart');
    await Promise.all([restarted.app.resumeOpenWork(), b.app.adoptOrphanedWork()]);
    await world.clock.runDue();
    assert.deepEqual(world.intune.posts, ['iphone-a11c']);
    assert.equal((await world.current(request.id)).state, 'executing');
    assert.equal(world.store.eventsOf(request.id).filter((e) => e === 'actionSent').length, 1);
  });
});
