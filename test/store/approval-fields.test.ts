import assert from 'node:assert/strict';
import path from 'node:path';
import { openStore, type Store } from '../../src/store';
import { makeTempDir, sampleRequest } from './fixtures';

describe('approval fields and settings in the SQLite store', () => {
  let store: Store;
  let dir: { dir: string; remove(): void };
  beforeEach(() => {
    dir = makeTempDir();
    store = openStore(`sqlite:${path.join(dir.dir, 'pinbot.db')}`);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('keeps who must approve, until when, and who decided with their reason', async () => {
    await store.insertRequest(sampleRequest());
    const waiting = await store.transition('req-1', 1, 'awaiting_approval', { approver: 'helpdesk', expiresAt: '2026-11-26T10:00:00.000Z' });
    assert.equal(waiting?.approver, 'helpdesk');
    const rejected = await store.transition('req-1', 2, 'rejected', { decidedBy: 'agent-1', decidedByName: 'Agent', decisionNote: 'Call us first' });
    assert.deepEqual(
      [rejected?.decidedBy, rejected?.decidedByName, rejected?.decisionNote, rejected?.expiresAt],
      ['agent-1', 'Agent', 'Call us first', '2026-11-26T10:00:00.000Z'],
    );
    assert.deepEqual(await store.getRequest('req-1'), rejected);
  });

  it('keeps the manager found at confirmation and what happened to the notice', async () => {
    await store.insertRequest(sampleRequest());
    const patched = await store.patch('req-1', 1, { managerId: 'boss', managerName: 'Boss', managerNotice: 'notNotified' });
    assert.equal(patched?.managerNotice, 'notNotified');
    const cleared = await store.patch('req-1', 2, { managerNotice: null });
    assert.equal(cleared?.managerNotice, null);
    assert.equal(cleared?.managerId, 'boss');
  });

  it('remembers a setting and replaces it on the next save', async () => {
    assert.equal(await store.setting('approvalChannel'), undefined);
    await store.saveSetting('approvalChannel', 'a');
    await store.saveSetting('approvalChannel', 'b');
    assert.equal(await store.setting('approvalChannel'), 'b');
  });
});
