import assert from 'node:assert/strict';
import path from 'node:path';
import { openStore, type Store } from '../../src/store';
import { startRaceProcess, type RaceProcess } from '../support/race-process';
import { makeTempDir, sampleRequest } from './fixtures';

function startWorker(mode: 'approve' | 'patch', spec: string, ids: readonly string[]): RaceProcess {
  return startRaceProcess(path.join(__dirname, 'race-worker.ts'), [mode, spec, ...ids], 'won');
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
    const wins = (await Promise.all(workers.map((w) => w.result))).flat();
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
