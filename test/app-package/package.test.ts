import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppPackage } from '../../scripts/app-package/build';
import { fillPlaceholders } from '../../scripts/app-package/placeholders';
import { createZip } from '../../scripts/app-package/zip';
import { appDir, copyOfAppDir, localEnv, readJsonFile, repoRoot, scratchDir, writeEnvFile } from './support/fixture';
import { readZip } from './support/zip-reader';

function packageLocal(outDir: string): Buffer {
  const result = buildAppPackage({ repoRoot, envName: 'local', outDir });
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  assert.equal(result.zipPath, path.join(outDir, 'appPackage.local.zip'));
  return fs.readFileSync(result.zipPath);
}

function runPackageCommand(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, [path.join(repoRoot, 'scripts', 'package-app.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the app package zip', () => {
  it('holds manifest.json, color.png, outline.png and zh-tw.json at its root', () => {
    const entries = readZip(packageLocal(scratchDir()));
    assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'color.png', 'outline.png', 'zh-tw.json']);
  });

  it('carries the filled manifest and localization, and the icons byte for byte', () => {
    const entries = new Map(readZip(packageLocal(scratchDir())).map((e) => [e.name, e.data]));
    const filled = (file: string): unknown => fillPlaceholders(readJsonFile(path.join(appDir, file)), localEnv()).value;
    assert.deepEqual(JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? ''), filled('manifest.json'));
    assert.deepEqual(JSON.parse(entries.get('zh-tw.json')?.toString('utf8') ?? ''), filled('zh-tw.json'));
    for (const icon of ['color.png', 'outline.png']) assert.ok(entries.get(icon)?.equals(fs.readFileSync(path.join(appDir, icon))), icon);
  });

  it('keeps the Chinese text as UTF-8 through the zip', () => {
    const zhTw = readZip(packageLocal(scratchDir())).find((e) => e.name === 'zh-tw.json');
    assert.match(zhTw?.data.toString('utf8') ?? '', /"重設我的 PIN"/);
  });

  it('is the same, byte for byte, when built twice from the same files', () => {
    assert.ok(packageLocal(scratchDir()).equals(packageLocal(scratchDir())));
  });

  it('compresses text and stores data that deflate cannot shrink', () => {
    const noise = crypto.randomBytes(4096);
    const text = Buffer.from('{"name": "PIN Reset"}\n'.repeat(50));
    const entries = readZip(createZip([{ name: 'noise.bin', data: noise }, { name: 'text.json', data: text }, { name: 'empty', data: Buffer.alloc(0) }]));
    assert.deepEqual(entries.map((e) => [e.name, e.method]), [['noise.bin', 0], ['text.json', 8], ['empty', 0]]);
    assert.ok(entries[0]?.data.equals(noise) && entries[1]?.data.equals(text) && entries[2]?.data.length === 0);
  });

  it('accepts JSON files saved with a UTF-8 byte order mark, and writes them without one', () => {
    const dir = scratchDir();
    const edited = copyOfAppDir(dir);
    const file = path.join(edited, 'zh-tw.json');
    fs.writeFileSync(file, `\uFEFF${fs.readFileSync(file, 'utf8')}`);
    const result = buildAppPackage({ repoRoot, envName: 'local', appDir: edited, outDir: dir });
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.equal(result.entries.find((e) => e.name === 'zh-tw.json')?.data[0], '{'.charCodeAt(0));
  });

  it('refuses an entry name that would escape the folder it is unpacked into', () => {
    assert.throws(() => createZip([{ name: '../manifest.json', data: Buffer.alloc(1) }]), /unsafe zip entry name/);
  });
});

describe('npm run package', () => {
  it('writes appPackage.<env>.zip and names its entries', () => {
    const dir = scratchDir();
    const run = runPackageCommand('--env', 'local', '--out-dir', dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /appPackage\.local\.zip: manifest\.json, color\.png, outline\.png, zh-tw\.json/);
    assert.equal(readZip(fs.readFileSync(path.join(dir, 'appPackage.local.zip'))).length, 4);
  });

  it('exits 1 listing every unfilled placeholder', () => {
    const dir = scratchDir();
    const env = localEnv();
    env.delete('TEAMS_APP_ID');
    env.delete('DEVELOPER_PRIVACY_URL');
    const run = runPackageCommand('--env-file', writeEnvFile(dir, env), '--out-dir', dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /not written, 2 problem\(s\)/);
    assert.match(run.stderr, /no value for \$\{\{TEAMS_APP_ID\}\}/);
    assert.match(run.stderr, /no value for \$\{\{DEVELOPER_PRIVACY_URL\}\}/);
    assert.deepEqual(fs.readdirSync(dir), ['test.env']);
  });

  it('refuses an env name that is not a plain name', () => {
    const run = runPackageCommand('--env', '../secrets');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--env must be a plain name/);
  });
});
