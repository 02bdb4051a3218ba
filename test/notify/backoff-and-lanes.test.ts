import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/notify/backoff';
import { laneOf } from '../../src/notify/lanes';

describe('choosing the next retry time', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles the delay with each failed try, jittered between half and all of it', () => {
    assert.equal(retryDelayMs(1, undefined, policy, () => 0), 500);
    assert.equal(retryDelayMs(1, undefined, policy, () => 1), 1_000);
    assert.equal(retryDelayMs(3, undefined, policy, () => 1), 4_000);
  });

  it('never waits longer than the cap', () => {
    assert.equal(retryDelayMs(20, undefined, policy, () => 1), 60_000);
  });

  it('waits at least Retry-After, plus a little jitter', () => {
    assert.equal(retryDelayMs(1, 10_000, policy, () => 0), 10_000);
    const jittered = retryDelayMs(1, 10_000, policy, () => 1);
    assert.ok(jittered > 10_000 && jittered <= 11_000);
  });
});

describe('lanes', () => {
  it('puts a channel, its new threads and updates in those threads in one lane', () => {
    const channel = '19:helpdesk@thread.tacv2';
    const lane = laneOf({ kind: 'newThread', channelId: channel });
    assert.equal(laneOf({ kind: 'send', target: { kind: 'conversation', conversationId: channel } }), lane);
    assert.equal(laneOf({ kind: 'updateActivity', conversationId: `${channel};messageid=1700000000000`, activityId: '1700000000000' }), lane);
  });

  it("puts an update in its original's lane", () => {
    assert.equal(laneOf({ kind: 'update', activityOf: 'request:1:card' }, 'conversation:a:alice'), 'conversation:a:alice');
  });

  it('keeps a user without a known chat in a lane of their own, whatever the case of their id', () => {
    const lane = (aadObjectId: string) => laneOf({ kind: 'send', target: { kind: 'user', aadObjectId, tenantId: 't' } });
    assert.equal(lane('ABC-1'), lane('abc-1'));
    assert.notEqual(lane('abc-1'), lane('abc-2'));
  });
});
