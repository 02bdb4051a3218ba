// Issue 15, item 7 (found by an attack run): "one open request per device" and the daily limit
// were a read followed by an insert, so 10 parallel requests for one device became 10 open
// requests (and 10 resetPasscode), and a limit of 3 let 9 through. The store now checks and
// inserts in one atomic step; these races run against SQLite and Azurite alike, in one process,
// across two store instances, and across two processes.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { InsertOutcome } from '../../../src/reset/ports';
import { OPEN_STATES } from '../../../src/reset/request';
import { startRaceProcess } from '../../support/race-process';
import { sampleRequest } from '../fixtures';
import { forEachStore } from './stores';

const pixel = sampleRequest().device;
const dailyLimit = { max: 3, sinceIso: '2025-03-01T00:00:00.000Z' };
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const inserted = (outcomes: readonly InsertOutcome[]): number => outcomes.filter((o) => o.kind === 'inserted').length;

describe('inserting requests under the store rules (contract)', () => {
  forEachStore((_name, open, forProcess) => {
    describe('one open request per device', () => {
      it('opens one request when ten inserts for one device race, and answers the others with it', async () => {
        const store = open();
        const outcomes = await Promise.all(ids('click', 10).map((id) => store.insertRequest(sampleRequest({ id, device: pixel }))));
        assert.equal(inserted(outcomes), 1);
        const [opened] = await store.requestsOf('user-alice', OPEN_STATES);
        assert.ok(opened);
        for (const outcome of outcomes.filter((o) => o.kind !== 'inserted')) {
          assert.equal(outcome.kind, 'deviceHasOpenRequest');
          assert.equal(outcome.kind === 'deviceHasOpenRequest' ? outcome.existing.id : undefined, opened.id);
        }
        assert.equal((await store.requestsOf('user-alice', OPEN_STATES)).length, 1);
      });

      it('opens one request when a double click reaches two instances at once', async () => {
        const [first, second] = [open(), open()];
        const outcomes = await Promise.all([first.insertRequest(sampleRequest({ id: 'click-1', device: pixel })), second.insertRequest(sampleRequest({ id: 'click-2', device: pixel }))]);
        assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['deviceHasOpenRequest', 'inserted']);
        assert.equal((await second.requestsOf('user-alice', OPEN_STATES)).length, 1);
      });

      it("answers a new owner's request with the old owner's open one (the device changed hands)", async () => {
        const store = open();
        await store.insertRequest(sampleRequest({ state: 'awaiting_approval' }));
        const outcome = await store.insertRequest(sampleRequest({ id: 'req-bob', requesterId: 'user-bob', device: pixel }));
        assert.equal(outcome.kind, 'deviceHasOpenRequest');
        assert.equal(outcome.kind === 'deviceHasOpenRequest' ? outcome.existing.requesterId : undefined, 'user-alice');
        assert.equal(await store.getRequest('req-bob'), undefined);
      });

      for (const end of ['cancelled', 'expired', 'failed'] as const) {
        it(`lets the device have a new request once the open one is ${end}`, async () => {
          const store = open();
          await store.insertRequest(sampleRequest());
          assert.ok(await store.transition('req-1', 1, end));
          assert.equal((await open().insertRequest(sampleRequest({ id: 'req-2', device: pixel }))).kind, 'inserted');
          assert.equal((await store.openRequestForDevice('device-pixel'))?.id, 'req-2');
        });
      }

      it('keeps the device closed while its request moves between open states', async () => {
        const store = open();
        await store.insertRequest(sampleRequest());
        await store.transition('req-1', 1, 'approved');
        await store.transition('req-1', 2, 'executing');
        assert.equal((await store.insertRequest(sampleRequest({ id: 'req-2', device: pixel }))).kind, 'deviceHasOpenRequest');
      });
    });

    describe('the daily limit', () => {
      it('lets exactly 3 of 10 racing inserts through with a limit of 3, each for another device', async () => {
        const store = open();
        const outcomes = await Promise.all(ids('day', 10).map((id) => store.insertRequest(sampleRequest({ id }), { dailyLimit })));
        assert.equal(inserted(outcomes), 3);
        assert.ok(outcomes.every((o) => o.kind === 'inserted' || o.kind === 'dailyLimitReached'));
        assert.equal(await store.countRequestsSince('user-alice', dailyLimit.sinceIso), 3);
      });

      it('counts only requests created since the start of the window, and only the requester\'s own', async () => {
        const store = open();
        await store.insertRequest(sampleRequest({ id: 'yesterday', createdAt: '2025-02-28T09:00:00.000Z', state: 'succeeded' }));
        await store.insertRequest(sampleRequest({ id: 'bob-1', requesterId: 'user-bob' }));
        await store.insertRequest(sampleRequest({ id: 'today-1' }), { dailyLimit });
        await store.insertRequest(sampleRequest({ id: 'today-2' }), { dailyLimit });
        assert.equal((await store.insertRequest(sampleRequest({ id: 'today-3' }), { dailyLimit })).kind, 'inserted');
        assert.equal((await store.insertRequest(sampleRequest({ id: 'today-4' }), { dailyLimit })).kind, 'dailyLimitReached');
        assert.equal(await store.getRequest('today-4'), undefined);
      });

      it('answers a click on a device with an open request with that request, even at the limit', async () => {
        const store = open();
        await store.insertRequest(sampleRequest(), { dailyLimit: { ...dailyLimit, max: 1 } });
        const outcome = await store.insertRequest(sampleRequest({ id: 'again', device: pixel }), { dailyLimit: { ...dailyLimit, max: 1 } });
        assert.equal(outcome.kind, 'deviceHasOpenRequest');
      });
    });

    describe('across two processes', () => {
      async function raceTwoProcesses(mode: 'insert-one-device' | 'insert-daily', prefix: string): Promise<string[]> {
        const worker = path.join(__dirname, '..', 'race-worker.ts');
        const workers = [0, 1].map((n) => startRaceProcess(worker, [mode, forProcess(), ...ids(`${prefix}-p${n}`, 5)], 'won'));
        await Promise.all(workers.map((w) => w.ready));
        workers.forEach((w) => w.go());
        return (await Promise.all(workers.map((w) => w.result))).flat();
      }

      it('opens one request for one device when two processes insert five each at once', async function () {
        this.timeout(60_000);
        open(); // creates the file or the tables before the processes race to
        const won = await raceTwoProcesses('insert-one-device', 'dev');
        assert.equal(won.length, 1);
        assert.deepEqual((await open().requestsOf('user-alice', OPEN_STATES)).map((r) => r.id), won);
      });

      it('lets exactly 3 through a limit of 3 when two processes insert five each at once', async function () {
        this.timeout(60_000);
        await open().ready();
        const won = await raceTwoProcesses('insert-daily', 'day');
        assert.equal(won.length, 3);
        assert.equal(await open().countRequestsSince('user-alice', dailyLimit.sinceIso), 3);
      });
    });
  });
});
