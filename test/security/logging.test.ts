import assert from 'node:assert/strict';
import { GraphFailure } from '../../src/graph/errors';
import { createLogger, withLogContext } from '../../src/log';

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
    // eslint-disable-next-line no-control-regex -- an escape character is what must not get through
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

describe('log lines of a turn and of a failure', () => {
  function capture(): { lines: Record<string, unknown>[]; log: ReturnType<typeof createLogger> } {
    const lines: Record<string, unknown>[] = [];
    return { lines, log: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
  }

  it('carries the correlation id on every line written inside the turn, across awaits and timers', async () => {
    const { lines, log } = capture();
    await withLogContext({ correlationId: 'turn-7' }, async () => {
      log.info('turn started');
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.child({ requestId: 'r1' }).warn('graph slow');
      await Promise.resolve().then(() => log.error('turn failed'));
    });
    log.info('outside any turn');
    assert.deepEqual(
      lines.map((line) => [line['event'], line['correlationId']]),
      [['turn started', 'turn-7'], ['graph slow', 'turn-7'], ['turn failed', 'turn-7'], ['outside any turn', undefined]],
    );
  });

  it('keeps two concurrent turns apart', async () => {
    const { lines, log } = capture();
    const turn = (id: string, delay: number) =>
      withLogContext({ correlationId: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        log.info(`done ${id}`);
      });
    await Promise.all([turn('a', 10), turn('b', 1)]);
    for (const line of lines) assert.equal(`done ${String(line['correlationId'])}`, line['event']);
  });

  it('keeps an error’s stack, its own fields and its cause chain', () => {
    // Our Graph failure over the transport error Node gives for a dropped connection (its `code`).
    const socket = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const failure = new GraphFailure('unavailable', 'Graph GET /users/{id}/managedDevices failed', { status: 503, graphCode: 'ServiceUnavailable', cause: socket });
    const { lines, log } = capture();
    log.error('request failed', { error: failure });
    const error = lines[0]?.['error'] as Record<string, unknown>;
    assert.equal(error['message'], 'Graph GET /users/{id}/managedDevices failed');
    assert.equal(error['reason'], 'unavailable');
    assert.equal(error['status'], 503);
    assert.equal(error['graphCode'], 'ServiceUnavailable');
    assert.equal(error['type'], 'GraphFailure');
    assert.ok(Array.isArray(error['stack']) && String(error['stack'][1]).startsWith('at '), 'stack frames');
    const cause = error['cause'] as Record<string, unknown>;
    assert.equal(cause['message'], 'socket hang up');
    assert.equal(cause['code'], 'ECONNRESET');
    assert.ok(Array.isArray(cause['stack']));
  });

  it('redacts a secret an error or a logged object carries as its own field, however deep', () => {
    const { lines, log } = capture();
    const inner = Object.assign(new Error('token endpoint refused'), { client_secret: 'csecret-1', headers: { Authorization: 'Bearer eyJ.deep' } });
    log.warn('graph token', { error: new Error('no token', { cause: inner }), request: { body: { password: 'pw-1', recoveryKey: 'rk-1' } } });
    const text = JSON.stringify(lines);
    for (const secret of ['csecret-1', 'eyJ.deep', 'pw-1', 'rk-1']) assert.ok(!text.includes(secret), secret);
  });
});
