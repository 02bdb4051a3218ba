import assert from 'node:assert/strict';
import { canMove } from '../../src/reset/request';

describe('request lifecycle rules', () => {
  it('never lets a finished request start executing again', () => {
    assert.equal(canMove('succeeded', 'executing'), false);
    assert.equal(canMove('approved', 'executing'), true);
  });
});
