import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openStore, type Store } from '../../src/store';
import { makeTempDir, sampleRequest } from './fixtures';

const root = path.resolve(__dirname, '../..');

interface Worker {
  ready: Promise<void>;
  go(): void;
  /** Ids this worker won, once it exits with status 0. */
  won: Promise<string[]>;
}

function startWorker(mode: 'approve' | 'patch', spec: string, ids: readonly string[]): Worker {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'race-worker.ts'), mode, spec, ...ids], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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
  const won = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`race worker exited with ${code}: ${stderr}`));
      const result: unknown = JSON.parse(stdout.slice('ready\n'.length));
      assert.ok(typeof result === 'object' && result !== null && 'won' in result && Array.isArray(result.won));
      resolve(result.won.map(String));
    });
  });
  // Fail fast instead of hanging on `ready` when a worker dies while opening the store.
  void won.catch(markReady);
  return { ready, go: () => child.stdin.write('go\n'), won };
}

// In-process races run against every store in test/store/contract; these race real processes on one file.
describe('racing for the same request version', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let spec: string;
  const opened: Store[] = [];
  const open = (): Store => {
    const store = openStore(spec);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    temp = makeTempDir();
    spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
  });
  afterEach(() => {
    opened.splice(0).forEach((store) => store.close());
    temp.remove();
  });

  /** Seeds 40 requests, releases 4 processes at once on all of them and returns every win. */
  async function raceProcesses(mode: 'approve' | 'patch'): Promise<{ ids: string[]; wins: string[]; store: Store }> {
    const ids = Array.from({ length: 40 }, (_, i) => `req-${i}`);
    const store = open();
    for (const id of ids) await store.insertRequest(sampleRequest({ id }));
    const workers = Array.from({ length: 4 }, () => startWorker(mode, spec, ids));
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((w) => w.go());
    const wins = (await Promise.all(workers.map((w) => w.won))).flat();
    return { ids, wins, store };
  }

  it('lets exactly one of several bot processes win each approval', async function () {
    this.timeout(60_000);
    const { ids, wins, store } = await raceProcesses('approve');
    // Every request won once, none twice; a loser saw `undefined`, never SQLITE_BUSY.
    assert.deepEqual([...wins].sort(), [...ids].sort());
    for (const id of ids) assert.equal((await store.getRequest(id))?.version, 2);
  });

  it('lets exactly one of several bot processes patch each version, even where the state would allow both', async function () {
    this.timeout(60_000);
    const { ids, wins, store } = await raceProcesses('patch');
    assert.deepEqual([...wins].sort(), [...ids].sort());
    for (const id of ids) assert.equal((await store.getRequest(id))?.version, 2);
  });
});
