import assert from 'node:assert/strict';
import path from 'node:path';
import { openStore } from '../../src/store';
import { startRaceProcess, type RaceProcess } from '../support/race-process';
import { makeTempDir } from './fixtures';

const root = path.resolve(__dirname, '../..');
const workerScript = path.join(root, 'test', 'notify', 'support', 'claim-race-worker.ts');
const NOW = '2025-03-01T09:00:00.000Z';

function startClaimer(spec: string, owner: string): RaceProcess {
  return startRaceProcess(workerScript, [spec, owner, NOW], 'claimed');
}

describe('claiming outbox messages from several processes at once', () => {
  let temp: ReturnType<typeof makeTempDir>;

  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('leases each message to exactly one of four racing processes', async function () {
    this.timeout(60_000);
    const spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
    const store = openStore(spec);
    const keys = Array.from({ length: 60 }, (_, i) => `event:${i}`);
    for (const [i, eventKey] of keys.entries()) {
      const operation = { kind: 'send' as const, target: { kind: 'conversation' as const, conversationId: `a:user-${i}` } };
      await store.enqueueMessage({ id: `id-${i}`, eventKey, lane: `conversation:a:user-${i}`, operation, payload: { text: 'hi' }, createdAt: NOW });
    }
    try {
      const claimers = ['p1', 'p2', 'p3', 'p4'].map((owner) => startClaimer(spec, owner));
      await Promise.all(claimers.map((c) => c.ready));
      claimers.forEach((c) => c.go());
      const claimed = (await Promise.all(claimers.map((c) => c.result))).flat();
      assert.deepEqual([...claimed].sort(), [...keys].sort());
    } finally {
      store.close();
    }
  });
});
