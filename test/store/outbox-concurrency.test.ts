import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openStore } from '../../src/store';
import { makeTempDir } from './fixtures';

const root = path.resolve(__dirname, '../..');
const workerScript = path.join(root, 'test', 'notify', 'support', 'claim-race-worker.ts');
const NOW = '2025-03-01T09:00:00.000Z';

function startClaimer(spec: string, owner: string): { ready: Promise<void>; go(): void; claimed: Promise<string[]> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', workerScript, spec, owner, NOW], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const claimed = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`claimer exited with ${code}: ${stderr}`));
      const result: unknown = JSON.parse(stdout.slice('ready\n'.length));
      assert.ok(typeof result === 'object' && result !== null && 'claimed' in result && Array.isArray(result.claimed));
      resolve(result.claimed.map(String));
    });
  });
  void claimed.catch(markReady);
  return { ready, go: () => child.stdin.write('go\n'), claimed };
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
      const claimed = (await Promise.all(claimers.map((c) => c.claimed))).flat();
      assert.deepEqual([...claimed].sort(), [...keys].sort());
    } finally {
      store.close();
    }
  });
});
