// The Graph side of "Show passcode again", against a real SQLite store and fakes of our own Intune
// ports. deviceActionResults keeps every resetPasscode of a device (Graph managedDevice
// deviceActionResults; the newest one is read), and Intune keeps a temporary passcode readable for
// 7 days (Microsoft Learn, "Reset or remove a device passcode in Intune"): a result that is older
// than this request's action, or older than 7 days by Graph's own startDateTime, must not be shown.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ActionResult, ManagedDevice } from '../../src/intune/device';
import { createLogger } from '../../src/log';
import { PasscodeRecall } from '../../src/reset/passcode-again';
import type { Requester } from '../../src/reset/service';
import { openStore, type Store } from '../../src/store';
import { managedDevice, workProfileRequest, REQUESTER_ID } from '../cards/support/samples';
import { ManualClock, makeTempDir } from '../store/fixtures';

const DAY_MS = 24 * 3600 * 1000;
const SENT_AT = '2026-03-15T09:02:00.000Z';
const requester: Requester = { tenantId: 'tenant', aadObjectId: REQUESTER_ID, name: 'Alice Chen', locale: 'en', conversationId: 'a:personal-chat' };

describe('show passcode again: what Graph must say before a passcode is shown', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let clock: ManualClock;
  let device: ManagedDevice | undefined;
  let result: ActionResult | undefined;
  let reads: string[];
  let hides: number;
  let recall: PasscodeRecall;

  beforeEach(async () => {
    temp = makeTempDir();
    store = openStore(`sqlite:${path.join(temp.dir, 'pinbot.db')}`);
    clock = new ManualClock(new Date(Date.parse(SENT_AT) + 3 * DAY_MS));
    device = managedDevice({ id: '6f1c2d3e-0000-4000-8000-000000000002', operatingSystem: 'Android', userId: REQUESTER_ID });
    result = { actionName: 'resetPasscode', actionState: 'done', startDateTime: '2026-03-15T09:02:03Z', lastUpdatedDateTime: '2026-03-15T09:07:00Z', passcode: '48271934' };
    reads = [];
    hides = 0;
    recall = new PasscodeRecall({
      store,
      clock,
      log: createLogger('silent'),
      passcodeVisibleMs: 5 * 60_000,
      scheduleHide: () => void (hides += 1),
      directory: { device: async (id) => (reads.push(`device ${id}`), device) },
      actions: { resetPasscodeResult: async (id) => (reads.push(`results ${id}`), result) },
    });
    await store.insertRequest(workProfileRequest({ state: 'succeeded', actionSentAt: SENT_AT, version: 1 }));
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  const id = workProfileRequest().id;

  it('shows the passcode Graph returns for this action and schedules hiding it again', async () => {
    const outcome = await recall.showAgain(requester, id, 'msg-1');
    assert.equal(outcome.kind === 'passcode' ? outcome.passcode : outcome.reason, '48271934');
    assert.equal(hides, 1);
    assert.ok((await store.getRequest(id))?.hidePasscodeAt);
  });

  it('refuses a result that started before this request’s action (an earlier reset’s passcode)', async () => {
    result = result && { ...result, startDateTime: '2026-03-14T09:00:00Z' };
    assert.deepEqual(await recall.showAgain(requester, id, 'msg-1'), { kind: 'refused', reason: 'noPasscode' });
  });

  it('refuses when Graph’s own startDateTime is past 7 days, though the stored action time is just inside them', async () => {
    // Within the 10 s clock skew Graph's start may come just before our recorded POST time.
    const sentAt = clock.now().getTime() - 7 * DAY_MS + 5_000;
    const moved = await store.patch(id, 1, { actionSentAt: new Date(sentAt).toISOString() });
    assert.ok(moved);
    result = result && { ...result, startDateTime: new Date(sentAt - 8_000).toISOString() };
    assert.deepEqual(await recall.showAgain(requester, id, 'msg-1'), { kind: 'refused', reason: 'tooOld' });
    assert.equal(hides, 0);
  });

  it('refuses when Intune has no passcode (still pending, or null)', async () => {
    result = result && { ...result, actionState: 'pending', passcode: undefined };
    assert.deepEqual(await recall.showAgain(requester, id, 'msg-1'), { kind: 'refused', reason: 'noPasscode' });
    assert.equal(hides, 0);
  });

  it('refuses an iOS removal, which issues no passcode, without asking Graph', async () => {
    await store.insertRequest(workProfileRequest({ id: 'ios-1', state: 'succeeded', action: 'removePasscode', actionSentAt: SENT_AT }));
    assert.deepEqual(await recall.showAgain(requester, 'ios-1', 'msg-1'), { kind: 'refused', reason: 'noPasscode' });
    assert.deepEqual(reads, []);
  });

  it('refuses a request that has not succeeded, without asking Graph', async () => {
    await store.insertRequest(workProfileRequest({ id: 'open-1', state: 'executing', actionSentAt: SENT_AT }));
    assert.deepEqual(await recall.showAgain(requester, 'open-1', 'msg-1'), { kind: 'refused', reason: 'noPasscode' });
    assert.deepEqual(reads, []);
  });

  it('refuses a request of another tenant as not found', async () => {
    assert.deepEqual(await recall.showAgain({ ...requester, tenantId: 'other' }, id, 'msg-1'), { kind: 'refused', reason: 'requestNotFound' });
    assert.deepEqual(reads, []);
  });
});
