import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEMO_CLIENT_ID, DEMO_TENANT_ID, type DemoTenant } from '../../src/demo/tenant';
import { startTestTenant } from '../support/demo-tenant';
import { freePort } from '../support/ports';
import { demoSettings } from '../runtime/support/bot-process';

const ENTRY = path.resolve(__dirname, '../../dist/src/index.js');

/** The running contract: how Azure, CI and any harness start the built bot (`npm start`). */
describe('the built bot as a process', () => {
  let tenant: DemoTenant;
  before(async function () {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" (npm test does it)`);
    tenant = await startTestTenant();
  });
  after(() => tenant.stop());

  /** The demo tenant's settings; every caller names its PORT. */
  function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
    return demoSettings(tenant, 0, extra);
  }

  it('answers /healthz within seconds and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const started = Date.now();
    const child = start(environment({ PORT: String(port) }));
    // "Within seconds" (running contract); generous so a loaded machine's slow process start does not fail it.
    await waitForHealth(port, 30_000);
    const ready = Date.now() - started;
    assert.ok(ready < 30_000, `healthy after ${ready} ms`);
    const stopped = Date.now();
    child.kill('SIGTERM');
    const code = await exitOf(child, 5000);
    assert.equal(code, 0);
    assert.ok(Date.now() - stopped < 5000);
  });

  it('answers 401 to an activity without a token when a bot app id is set', async () => {
    const port = await freePort();
    const child = start(environment({ PORT: String(port), MicrosoftAppId: DEMO_CLIENT_ID, MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: DEMO_TENANT_ID, MicrosoftAppType: 'SingleTenant' }));
    try {
      await waitForHealth(port, 5000);
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'reset my PIN', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:x' }, from: { id: '29:x' } }),
      });
      assert.equal(response.status, 401);
      assert.equal(tenant.requests.length, 0);
    } finally {
      child.kill('SIGTERM');
      await exitOf(child, 5000);
    }
  });

  it('refuses to start in production without a bot app id, naming the setting', async () => {
    const child = start(environment({ NODE_ENV: 'production', PORT: String(await freePort()) }));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await exitOf(child, 5000);
    assert.notEqual(code, 0);
    assert.match(stderr, /MicrosoftAppId/);
  });
});

function start(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--disable-warning=DEP0111', ENTRY], { env, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function waitForHealth(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no healthy answer on ${port} within ${timeoutMs} ms`);
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('process did not exit in time')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
