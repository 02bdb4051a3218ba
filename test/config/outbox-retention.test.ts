// OUTBOX_RETENTION_DAYS (issue 15, item 9): delivered outbox messages are pruned after it. A card
// update and an eventKey's dedupe need the earlier message as long as its request can still change
// — up to APPROVAL_TTL plus ACTION_TIMEOUT_MINUTES after confirmation — so a shorter window is refused.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

const base = { AZURE_TENANT_ID: '6f1e6b5c-0000-4000-8000-000000000001', AZURE_CLIENT_ID: '6f1e6b5c-0000-4000-8000-000000000002', AZURE_CLIENT_SECRET: 'x' };

describe('the outbox retention setting', () => {
  it('keeps delivered messages 30 days by default', () => {
    assert.equal(loadConfig(base).outboxRetentionMs, 30 * 86_400_000);
  });

  it('takes a number of days', () => {
    assert.equal(loadConfig({ ...base, OUTBOX_RETENTION_DAYS: '7' }).outboxRetentionMs, 7 * 86_400_000);
  });

  it('refuses a window a request could outlive (APPROVAL_TTL + ACTION_TIMEOUT_MINUTES)', () => {
    assert.throws(
      () => loadConfig({ ...base, OUTBOX_RETENTION_DAYS: '2', APPROVAL_TTL: '2d', ACTION_TIMEOUT_MINUTES: '1440' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('OUTBOX_RETENTION_DAYS')),
    );
    assert.throws(() => loadConfig({ ...base, OUTBOX_RETENTION_DAYS: '0' }), ConfigError);
  });
});
