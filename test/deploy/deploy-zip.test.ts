// The deployment, proven: the zip `npm run package:deploy` builds is what `atk deploy` uploads
// (infra/.webappignore applied with the `ignore` package, as the Toolkit's zipDeploy does). App
// Service unpacks it, runs `npm ci --omit=dev` (CUSTOM_BUILD_COMMAND in infra/azure.bicep) and
// `npm start` (appCommandLine) on its own Node 24. This test does the same in an empty folder
// outside the repository, then asks the started bot what a user would.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoTenant } from '../../src/demo/tenant';
import { deployFiles, writeDeployZip, WEBAPP_IGNORE } from '../../scripts/deploy/deploy-zip';
import { readZip } from '../app-package/support/zip-reader';
import { askForReset, demoSettings, startProcess, stopProcess, waitForHealth } from '../runtime/support/bot-process';
import { LocalConnector } from '../support/connector';
import { startTestTenant } from '../support/demo-tenant';
import { npm, npmCommand, platformEnvironment } from '../support/npm';
import { freePort } from '../support/ports';
import { readProjectFile, repoRoot, withString } from './support/project-files';

describe('the App Service deployment zip (npm run package:deploy)', function () {
  // npm ci of the production dependencies, from the npm cache where it can.
  this.timeout(300_000);
  let work: string;
  let names: string[];

  before(function () {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'src', 'index.js'))) throw new Error('dist/src/index.js is missing: run "npm run build" (npm test does it)');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinbot-deploy-'));
    names = writeDeployZip(repoRoot, path.join(work, 'app-service.zip'));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('applies the ignore file zipDeploy is given in m365agents.yml', () => {
    const zipDeploy = (readProjectFile('m365agents.yml').deploy ?? []).find((a) => a.uses === 'azureAppService/zipDeploy');
    assert.ok(zipDeploy);
    assert.equal(withString(zipDeploy, 'artifactFolder'), '.');
    assert.equal(path.normalize(withString(zipDeploy, 'ignoreFile')), path.normalize(WEBAPP_IGNORE));
  });

  it('carries the compiled bot, the card templates and the lock file; no sources, tests, secrets, local state or node_modules', () => {
    for (const needed of ['dist/src/index.js', 'dist/src/config.js', 'cards/device-picker.json', 'package.json', 'package-lock.json']) assert.ok(names.includes(needed), needed);
    const unwanted = names.filter((n) => /^(src|test|scripts|bench|env|infra|appPackage|data|node_modules|dist\/test|\.git)\//.test(n) || /(^|\/)\.env(\.|$)|\.db$|\.ts$/.test(n));
    assert.deepEqual(unwanted, []);
  });

  it('would have shipped without the bot under the old unanchored `src/` pattern (the bug this guards against)', () => {
    const unanchored = fs.readFileSync(path.join(repoRoot, WEBAPP_IGNORE), 'utf8').replace(/^\/src\/$/m, 'src/');
    assert.ok(!deployFiles(repoRoot, unanchored).includes('dist/src/index.js'));
  });

  describe('unzipped into an empty folder, installed and started as App Service does', () => {
    let app: string;
    let tenant: DemoTenant;
    let connector: LocalConnector;
    before(async () => {
      app = path.join(work, 'wwwroot');
      for (const entry of readZip(fs.readFileSync(path.join(work, 'app-service.zip')))) {
        fs.mkdirSync(path.dirname(path.join(app, entry.name)), { recursive: true });
        fs.writeFileSync(path.join(app, entry.name), entry.data);
      }
      tenant = await startTestTenant();
      connector = await new LocalConnector().start();
    });
    after(async () => {
      await connector?.stop();
      await tenant?.stop();
    });

    it('`npm ci --omit=dev` then `npm start` answer 200 on /healthz and a device picker for "reset my PIN"', async () => {
      await npm(['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], app);
      assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'typescript')), 'no dev dependency was installed');
      assert.ok(!fs.existsSync(path.join(app, 'node_modules', '.bin', 'node')), 'no bundled Node shadows the platform Node');
      const port = await freePort();
      const [command, args] = npmCommand(['start']);
      const bot = startProcess(command, args, { cwd: app, env: { ...demoSettings(tenant, port), PATH: platformEnvironment().PATH }, port });
      try {
        await waitForHealth(bot, 15_000);
        const cards = await askForReset(bot, connector);
        assert.match(JSON.stringify(cards), /chooseDevice/, 'the device picker came back');
      } finally {
        await stopProcess(bot);
      }
    });
  });
});
