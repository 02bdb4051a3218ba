import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { TokenCache } from '../../src/graph/token-cache';

const HOUR = 3600_000;
const MINUTE = 60_000;

/** A credential that hands out numbered tokens valid for an hour, or fails when told to. */
class CountingCredential implements TokenCredential {
  calls = 0;
  failing = false;
  refreshAfter?: number;
  constructor(private readonly now: () => number) {}

  async getToken(): Promise<AccessToken | null> {
    this.calls += 1;
    await Promise.resolve();
    if (this.failing) throw new Error('authority unreachable');
    return { token: `token-${this.calls}`, expiresOnTimestamp: this.now() + HOUR, refreshAfterTimestamp: this.refreshAfter };
  }
}

describe('the Graph token kept between calls', () => {
  let time: number;
  let credential: CountingCredential;
  let cache: TokenCache;

  beforeEach(() => {
    time = 1_000_000;
    credential = new CountingCredential(() => time);
    cache = new TokenCache(credential, 'https://graph.example/.default', () => time);
  });

  it('asks the credential once for many calls within the token lifetime', async () => {
    for (let n = 0; n < 10; n += 1) assert.equal(await cache.token(), 'token-1');
    time += 50 * MINUTE;
    assert.equal(await cache.token(), 'token-1');
    assert.equal(credential.calls, 1);
  });

  it('asks once for callers arriving together', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.token()));
    assert.deepEqual(new Set(tokens), new Set(['token-1']));
    assert.equal(credential.calls, 1);
  });

  it('renews five minutes before expiry', async () => {
    await cache.token();
    time += 56 * MINUTE;
    assert.equal(await cache.token(), 'token-2');
  });

  it('renews when the credential says so, even earlier', async () => {
    credential.refreshAfter = time + 10 * MINUTE;
    await cache.token();
    time += 11 * MINUTE;
    assert.equal(await cache.token(), 'token-2');
  });

  it('asks again after Graph refused the token', async () => {
    await cache.token();
    cache.forget();
    assert.equal(await cache.token(), 'token-2');
  });

  it('keeps using a token with time left while renewing it fails, and never an expired one', async () => {
    await cache.token();
    credential.failing = true;
    time += 57 * MINUTE;
    assert.equal(await cache.token(), 'token-1');
    time += 3 * MINUTE;
    await assert.rejects(cache.token(), /authority unreachable/);
  });

  it('keeps nothing from a failed first request', async () => {
    credential.failing = true;
    await assert.rejects(cache.token(), /authority unreachable/);
    credential.failing = false;
    assert.equal(await cache.token(), 'token-2');
  });
});
