import assert from 'node:assert/strict';
import { AttemptDeadline } from '../../src/graph/middleware';

// The per-attempt deadline that replaced an AbortSignal between TimeoutMiddleware and
// NodeHttpHandler: it must behave as the signal did for the one request it guards.
describe('the deadline of one Graph attempt', () => {
  it('stops the request in flight once when it passes', () => {
    const deadline = new AttemptDeadline();
    let stops = 0;
    deadline.onExpiry(() => (stops += 1));
    assert.equal(deadline.expired, false);
    deadline.expire();
    deadline.expire();
    assert.equal(deadline.expired, true);
    assert.equal(stops, 1);
  });

  it('stops a request made after it passed at once (as an already aborted signal does)', () => {
    const deadline = new AttemptDeadline();
    deadline.expire();
    let stopped = false;
    deadline.onExpiry(() => (stopped = true));
    assert.equal(stopped, true);
  });

  it('stops nothing while it has not passed', () => {
    const deadline = new AttemptDeadline();
    let stopped = false;
    deadline.onExpiry(() => (stopped = true));
    assert.equal(stopped, false);
  });
});
