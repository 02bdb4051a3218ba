// Windows 10 Mobile is out of support (Microsoft Lifecycle: ended January 2020) and such a phone may
// never check in again, so the bot follows its action for a shorter wait than any other device.
// Real SQLite store, a manual clock, Intune answering "pending" for ever.
import assert from 'node:assert/strict';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { SENT_EVENT, type ExecutionDeps } from '../../src/reset/execution';
import { ActionFollowUp, WINDOWS_MOBILE_WAIT_SHARE } from '../../src/reset/follow-up';
import type { PlatformKind } from '../../src/intune/device';
import { Scheduler } from '../../src/reset/scheduler';
import { openStore, type Store } from '../../src/store';
import { makeTempDir, ManualClock, sampleRequest } from '../store/fixtures';

const HOUR_MS = 3600_000;
const TIMEOUT_MS = 24 * HOUR_MS;

describe('following an action on a Windows 10 Mobile phone', () => {
  const temp = makeTempDir();
  let store: Store;
  let clock: ManualClock;
  let followUp: ActionFollowUp;
  const scheduler = new Scheduler(createLogger('error', () => undefined));

  before(() => scheduler.stop(0)); // timers are not needed: the test calls check() itself
  beforeEach(() => {
    store = openStore(`sqlite:${path.join(temp.dir, `${Math.random().toString(36).slice(2)}.db`)}`);
    clock = new ManualClock(new Date('2026-03-15T10:00:00.000Z'));
    const stillPending = { actionName: 'resetPasscode', actionState: 'pending' as const, startDateTime: clock.now().toISOString(), lastUpdatedDateTime: '' };
    const deps = {
      store,
      clock,
      scheduler,
      log: createLogger('error', () => undefined),
      polling: { firstDelayMs: 60_000, maxDelayMs: HOUR_MS, timeoutMs: TIMEOUT_MS, leaseMs: 60_000 },
      passcodeVisibleMs: 60_000,
      actions: { resetPasscode: () => Promise.resolve('sent' as const), resetPasscodeResult: () => Promise.resolve(stillPending) },
      notifier: { showRequest: () => Promise.resolve() },
      announcer: { requestConfirmed: () => Promise.resolve(), requestChanged: () => Promise.resolve() },
      passcodes: { showPasscode: () => Promise.resolve(undefined), hidePasscode: () => Promise.resolve() },
      directory: { devicesOf: () => Promise.resolve([]), device: () => Promise.resolve(undefined) },
    } satisfies ExecutionDeps;
    followUp = new ActionFollowUp(deps);
  });
  after(() => temp.remove());

  async function executingOn(platform: PlatformKind, id: string): Promise<void> {
    const base = sampleRequest({ id });
    await store.insertRequest({
      ...base,
      state: 'executing',
      action: 'resetPasscode',
      device: { ...base.device, platform },
      actionSentAt: clock.now().toISOString(),
      nextCheckAt: clock.now().toISOString(),
    });
    await store.appendAudit({ requestId: id, at: clock.now().toISOString(), actor: 'system', event: SENT_EVENT, detail: 'sent' });
  }

  async function stateAfter(id: string, elapsedMs: number): Promise<string | undefined> {
    clock.advance(elapsedMs);
    await store.patch(id, (await store.getRequest(id))?.version ?? 0, { nextCheckAt: clock.now().toISOString() });
    await followUp.check(id);
    return (await store.getRequest(id))?.state;
  }

  it('gives up on a Windows 10 Mobile phone after a quarter of the usual wait', async () => {
    await executingOn('windows-mobile', 'wm-1');
    assert.equal(await stateAfter('wm-1', TIMEOUT_MS * WINDOWS_MOBILE_WAIT_SHARE - 60_000), 'executing');
    assert.equal(await stateAfter('wm-1', 60_000), 'failed');
    assert.equal((await store.getRequest('wm-1'))?.failureReason, 'timedOut');
    assert.ok(WINDOWS_MOBILE_WAIT_SHARE < 1);
  });

  it('keeps waiting for any other device at that point', async () => {
    await executingOn('android-fully-managed', 'fm-1');
    assert.equal(await stateAfter('fm-1', TIMEOUT_MS * WINDOWS_MOBILE_WAIT_SHARE), 'executing');
    assert.equal(await stateAfter('fm-1', TIMEOUT_MS), 'failed');
  });
});
