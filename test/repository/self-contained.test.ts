// Nothing outside the repository: what a new user gets from `git clone` must be enough. The card
// schema tests and `npm run package` once read a schemas folder of the workspace beside this repository
// that no user has, and a fresh clone failed 331 tests (issue 12).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { npm, run } from '../support/npm';

const repoRoot = path.resolve(__dirname, '../..');
const FOLDERS = ['src', 'test', 'scripts', 'bench'];
// Built from parts so this file does not name the folder it looks for.
const WORKSPACE_FOLDER = new RegExp(`(\\.\\.|/work)/${'sha' + 'red'}\\b`);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|cjs|js|json)$/.test(entry.name))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`bench${path.sep}results`));
}

describe('the repository is self-contained', () => {
  it('no file in src/, test/, scripts/ or bench/ names the workspace folder beside the repository', () => {
    const found = FOLDERS.flatMap(sourceFiles).filter((file) => WORKSPACE_FOLDER.test(fs.readFileSync(path.join(repoRoot, file), 'utf8')));
    assert.deepEqual(found, []);
  });

  it('every path built from __dirname stays inside the repository (src/ files run from dist/src/)', () => {
    const escaping: string[] = [];
    for (const file of FOLDERS.flatMap(sourceFiles).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      const runsFrom = path.dirname(path.join(repoRoot, file.startsWith(`src${path.sep}`) ? path.join('dist', file) : file));
      for (const call of text.matchAll(/path\.(?:resolve|join)\(__dirname((?:,\s*'[^']*')+)/g)) {
        const parts = [...(call[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
        const target = path.resolve(runsFrom, ...parts);
        if (target !== repoRoot && !target.startsWith(repoRoot + path.sep)) escaping.push(`${file}: ${parts.join(', ')}`);
      }
    }
    assert.deepEqual(escaping, []);
  });

  describe('a fresh clone in an empty folder with nothing beside it', function () {
    this.timeout(240_000);
    let clone: string;
    let parent: string;

    before(async () => {
      parent = fs.mkdtempSync(path.join(os.tmpdir(), 'pinbot-clone-'));
      clone = path.join(parent, 'repo');
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
      await run('git', ['clone', '--quiet', '--no-checkout', repoRoot, clone], parent);
      await run('git', ['checkout', '--quiet', '--detach', head], clone);
      // The dependencies as `npm ci` would install them, without the download: a hard-linked
      // copy of this checkout's node_modules where cp can (GNU cp), else npm ci from the cache.
      await run('cp', ['-al', path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules')], parent).catch(() =>
        npm(['ci', '--no-audit', '--no-fund', '--prefer-offline'], clone),
      );
    });
    after(() => fs.rmSync(parent, { recursive: true, force: true }));

    it('holds only the clone: no folder beside it to read from', () => {
      assert.deepEqual(fs.readdirSync(parent), ['repo']);
    });

    it('passes the card schema, manifest and localization tests there', async () => {
      const tsx = path.join(clone, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      const specs = ['test/cards/every-card.test.ts', 'test/app-package/manifest.test.ts', 'test/app-package/localization.test.ts'];
      const output = await run(process.execPath, [tsx, 'test/support/run-tests.ts', ...specs], clone);
      const summary = /^(\d+) passed, (\d+) failed$/m.exec(output);
      assert.ok(summary && Number(summary[1]) > 0 && summary[2] === '0', output.slice(-2000));
    });

    it('builds the Teams app package there with `npm run package`', async () => {
      await npm(['run', 'package'], clone);
      assert.ok(fs.existsSync(path.join(clone, 'appPackage', 'build', 'appPackage.local.zip')));
    });
  });
});
