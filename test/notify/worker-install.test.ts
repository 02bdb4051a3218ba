import assert from 'node:assert/strict';
import type { OutboxTarget } from '../../src/notify/ports';
import { FakeInstaller, harness, httpFailure, toConversation, type Harness, type Responder } from './support/fakes';

const HOUR = 3_600_000;
const MANAGER: OutboxTarget = { kind: 'user', aadObjectId: 'manager-1', tenantId: 'tenant-1' };
const notInRoster = () => httpFailure(403, { errorCode: 'BotNotInConversationRoster' });

describe('reaching a user who has not installed the app', () => {
  let h: Harness;
  const start = (respond: Responder, installer?: FakeInstaller): void => {
    h = harness({ respond, installer });
  };
  const notifyManager = (target: OutboxTarget = MANAGER) =>
    h.outbox.enqueue({ eventKey: 'request:1:manager', operation: { kind: 'send', target }, payload: { text: 'your report asked for a reset' } });

  afterEach(() => h.store.close());

  it('installs the app once for the manager, then delivers', async () => {
    const installer = new FakeInstaller('installed');
    start(() => (installer.installedFor.length === 0 ? notInRoster() : undefined), installer);
    await notifyManager();
    await h.worker.drain(HOUR);
    assert.deepEqual(installer.installedFor, ['manager-1']);
    assert.equal(h.delivery.calls.length, 2);
    assert.equal((await h.outbox.outcome('request:1:manager'))?.state, 'delivered');
  });

  it('keeps retrying while Teams does not see the installation yet, asking the installer only once', async () => {
    const installer = new FakeInstaller('installed');
    start((_call, calls) => (calls.length <= 3 ? notInRoster() : undefined), installer);
    await notifyManager();
    await h.worker.drain(HOUR);
    assert.deepEqual(installer.installedFor, ['manager-1']);
    assert.equal(h.delivery.calls.length, 4);
    assert.equal((await h.outbox.outcome('request:1:manager'))?.state, 'delivered');
  });

  it('fails as installNotPermitted when the app may not be installed, for the caller to report', async () => {
    const installer = new FakeInstaller('notPermitted');
    start(notInRoster, installer);
    await notifyManager();
    await h.worker.drain(HOUR);
    assert.equal(h.delivery.calls.length, 1);
    assert.deepEqual(await h.outbox.outcome('request:1:manager'), {
      state: 'failed',
      reason: 'installNotPermitted',
      lastError: 'botNotInstalled (HTTP 403); app install not permitted',
    });
  });

  it('fails a channel message as botNotInstalled without trying to install anything', async () => {
    const installer = new FakeInstaller('installed');
    start(notInRoster, installer);
    await notifyManager(toConversation('19:helpdesk@thread.tacv2'));
    await h.worker.drain(HOUR);
    assert.deepEqual(installer.installedFor, []);
    assert.deepEqual(await h.outbox.outcome('request:1:manager'), { state: 'failed', reason: 'botNotInstalled', lastError: 'botNotInstalled (HTTP 403)' });
  });

  it('fails as botNotInstalled when no installer is configured', async () => {
    start(notInRoster);
    await notifyManager();
    await h.worker.drain(HOUR);
    assert.equal(h.delivery.calls.length, 1);
    assert.equal((await h.store.outboxMessage('request:1:manager'))?.failureReason, 'botNotInstalled');
  });
});
