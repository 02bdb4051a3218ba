// RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY from an attacker's point of view (review finding: the limit
// was a count, then Graph, then a write, so parallel clicks or messages all passed the count).
// Someone who fires N "show key" clicks at once, at one or at several bot instances, must get
// exactly `limit` attempts — `limit` reads of Entra's key list — and a "try again after" for the rest.
// On both stores: a SQLite file and Azure Table Storage in Azurite.
import assert from 'node:assert/strict';
import { recoveryKeyRefusalCard } from '../../src/cards';
import { KeyIdInput, type RevealOutcome } from '../../src/recovery-key';
import { DAY_MS } from '../../src/reset/rolling-day';
import { textOf } from '../e2e/cards';
import { forEachStore } from '../store/contract/stores';
import { KeyWorld, PC, requester } from './support/key-world';

const LIMIT = 3;
const PARALLEL = 10;
const wrongKeyId = KeyIdInput.parse('deadbeef');
const count = (outcomes: readonly RevealOutcome[], kind: RevealOutcome['kind']): number => outcomes.filter((o) => o.kind === kind).length;

describe('the daily limit of recovery-key attempts under parallel clicks', () => {
  forEachStore((_name, open) => {
    it(`lets exactly ${LIMIT} of ${PARALLEL} parallel wrong Key IDs reach Entra, and tells the rest when to try again`, async () => {
      const world = new KeyWorld(LIMIT);
      const { service } = world.instance(open());
      const outcomes = await Promise.all(Array.from({ length: PARALLEL }, () => service.reveal(requester, PC, wrongKeyId, 'user-token')));
      assert.equal(count(outcomes, 'wrongKeyId'), LIMIT);
      assert.equal(count(outcomes, 'tooManyAttempts'), PARALLEL - LIMIT);
      assert.equal(world.entra.listed, LIMIT, 'Entra was asked for the key list only within the limit');
      const refused = outcomes.find((o) => o.kind === 'tooManyAttempts');
      assert.ok(refused?.kind === 'tooManyAttempts');
      assert.equal(refused.retryAt, new Date(world.clock.now().getTime() + DAY_MS).toISOString(), 'the oldest attempt stops counting 24 hours on');
      assert.match(textOf(recoveryKeyRefusalCard('en', refused)), /You can try again after/);
    });

    it(`shows the key at most ${LIMIT} times when ${PARALLEL} right Key IDs arrive at once at two instances`, async () => {
      const world = new KeyWorld(LIMIT);
      const [a, b] = [world.instance(open()), world.instance(open())];
      const keyId = KeyIdInput.parse('1A2B3C4D');
      const outcomes = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => (i % 2 === 0 ? a : b).service.reveal(requester, PC, keyId, 'user-token')));
      assert.equal(count(outcomes, 'shown'), LIMIT);
      assert.equal(count(outcomes, 'tooManyAttempts'), PARALLEL - LIMIT);
      assert.equal(world.entra.read, LIMIT, 'Entra audited no more key reads than the limit allows');
      assert.equal(world.chat.shown.length, LIMIT);
    });

    it('counts a key Entra gave (and audited) that the personal chat could not take', async () => {
      const world = new KeyWorld(1);
      const { service } = world.instance(open());
      world.chat.failShows = 1;
      assert.equal((await service.reveal(requester, PC, KeyIdInput.parse('1A2B3C4D'), 'user-token')).kind, 'notDelivered');
      assert.equal((await service.reveal(requester, PC, KeyIdInput.parse('1A2B3C4D'), 'user-token')).kind, 'tooManyAttempts');
      assert.equal(world.entra.read, 1);
    });

    it('does not count an attempt that ended before Entra answered about a key (not the owner’s device)', async () => {
      const world = new KeyWorld(1);
      const { service } = world.instance(open());
      const notFound = await service.reveal(requester, 'd0c1e5a0-0000-4000-8000-00000000ffff', wrongKeyId, 'user-token');
      assert.equal(notFound.kind, 'deviceNotFound');
      assert.equal((await service.reveal(requester, PC, wrongKeyId, 'user-token')).kind, 'wrongKeyId');
      assert.equal((await service.reveal(requester, PC, wrongKeyId, 'user-token')).kind, 'tooManyAttempts');
    });
  });
});
