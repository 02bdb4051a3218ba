import assert from 'node:assert/strict';
import { createLogger } from '../../src/log';

describe('structured logs', () => {
  function capture(): { lines: string[]; log: ReturnType<typeof createLogger> } {
    const lines: string[] = [];
    return { lines, log: createLogger('debug', (line) => lines.push(line)) };
  }

  it('redacts passcodes, tokens, secrets and passwords wherever they are nested', () => {
    const { lines, log } = capture();
    log.info('oops', { passcode: '123456', nested: { accessToken: 'eyJabc', clientSecret: 's3cr3t', password: 'p' }, authorization: 'Bearer x' });
    const line = lines.join('\n');
    for (const secret of ['123456', 'eyJabc', 's3cr3t', 'Bearer x']) assert.ok(!line.includes(secret), secret);
    assert.match(line, /\[redacted\]/);
  });

  it('strips control characters from user-controlled text so a line cannot be forged', () => {
    const { lines, log } = capture();
    log.warn('device', { deviceName: 'Pixel\n{"level":"info","event":"request succeeded"}\u001b[2J' });
    assert.equal(lines.length, 1);
    const parsed = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    assert.doesNotMatch(String(parsed['deviceName']), /[\n\u001b]/);
  });

  it('writes one JSON object per line with time, level and event', () => {
    const { lines, log } = capture();
    log.child({ requestId: 'r1' }).error('request failed', { error: new Error('boom') });
    const parsed = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    assert.equal(parsed['level'], 'error');
    assert.equal(parsed['event'], 'request failed');
    assert.equal(parsed['requestId'], 'r1');
    assert.ok(typeof parsed['time'] === 'string');
  });
});
