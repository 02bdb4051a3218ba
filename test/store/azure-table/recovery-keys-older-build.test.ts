// The `recoverykeys` table as the build before the "still shown" list left it: events created once
// with their hide time, no list entry. A key such a build showed and did not live to hide must
// still be hidden by this one (its restart and its recurring sweep read the list).
import assert from 'node:assert/strict';
import { joinKey, sortableMs } from '../../../src/store/azure-table/keys';
import { epochMs } from '../../../src/store/timestamps';
import { allEntities, azureWorld } from './raw';

const USER = 'e5a1c7d2-0000-4000-8000-00000000e001';

function olderBuildRow(id: string, overrides: Record<string, string> = {}) {
  const at = '2026-03-15T09:00:00.000Z';
  return {
    partitionKey: joinKey(USER),
    rowKey: `${sortableMs(epochMs(at))}-${id}`,
    id,
    at,
    tenantId: 't1',
    requesterId: USER,
    managedDeviceId: 'd0c1e5a0-0000-4000-8000-00000000e010',
    deviceName: 'PC-1',
    outcome: 'shown',
    keyId: 'k1',
    locale: 'en-US',
    conversationId: 'a:personal',
    messageId: `msg-${id}`,
    hideAt: '2026-03-15T09:05:00.000Z',
    ...overrides,
  };
}

describe('recovery keys shown by an older build (Azure Table)', () => {
  it('lists a key shown but never hidden for hiding, once, and not one already hidden', async () => {
    const world = await azureWorld();
    const store = world.open();
    await store.ready();
    const table = world.raw('recoverykeys');
    await table.createEntity(olderBuildRow('still-on-screen'));
    await table.createEntity(olderBuildRow('hidden', { hiddenAt: '2026-03-15T09:05:01.000Z' }));
    // Table Storage has no null: that build left the fields of a wrong Key ID out.
    const { keyId: _k, messageId: _m, hideAt: _h, ...wrong } = olderBuildRow('wrong', { outcome: 'wrongKeyId' });
    await table.createEntity(wrong);

    const listed = await world.open().recoveryKeysStillShown();
    assert.deepEqual(listed.map((e) => e.id), ['still-on-screen']);
    await store.markRecoveryKeyHidden(listed[0] ?? assert.fail('listed'));
    assert.deepEqual(await world.open().recoveryKeysStillShown(), []);
    assert.equal((await allEntities(table)).filter((row) => row.partitionKey === joinKey('still', 'shown')).length, 0, 'the list is empty again');
  });
});
