import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppPackage } from '../../scripts/app-package/build';
import { parseEnvFile } from '../../scripts/app-package/env-file';
import { fillPlaceholders, placeholdersIn } from '../../scripts/app-package/placeholders';
import { appDir, localEnv, readJsonFile, repoRoot, scratchDir, writeEnvFile } from './support/fixture';

const manifest = readJsonFile(path.join(appDir, 'manifest.json'));

describe('the env file', () => {
  it('reads KEY=VALUE lines, skipping comments and blank lines', () => {
    const env = parseEnvFile('# ids\n\nBOT_ID=abc\n  BOT_DOMAIN = bot.contoso.com  \n', 'env/.env.x');
    assert.deepEqual(Object.fromEntries(env.values), { BOT_ID: 'abc', BOT_DOMAIN: 'bot.contoso.com' });
    assert.deepEqual(env.problems, []);
  });

  // Node's documented .env format (util.parseEnv / --env-file): a quoted value is taken as
  // written and may span lines; `#` starts a comment in an unquoted one.
  it('takes quoted values as written and drops a trailing comment from unquoted ones, as node --env-file does', () => {
    const env = parseEnvFile('A="Contoso # IT"\nB=\'x=y\'\nC=plain # why\nD=a#b\nE="two\nlines"', 'f');
    assert.deepEqual(Object.fromEntries(env.values), { A: 'Contoso # IT', B: 'x=y', C: 'plain', D: 'a', E: 'two\nlines' });
    assert.deepEqual(env.problems, []);
  });

  it('names the line of anything that is not KEY=VALUE and of a key set twice', () => {
    const env = parseEnvFile('BOT_ID=1\nnot a setting\nBOT_ID=2\n', 'env/.env.dev');
    assert.deepEqual(env.problems, [
      'env/.env.dev line 2: expected KEY=VALUE, got "not a setting"',
      'env/.env.dev line 3: BOT_ID is set twice',
    ]);
  });

  it('env/.env.local fills every placeholder the package uses', () => {
    const zhTw = readJsonFile(path.join(appDir, 'zh-tw.json'));
    assert.deepEqual(fillPlaceholders(manifest, localEnv()).missing, []);
    assert.deepEqual(fillPlaceholders(zhTw, localEnv()).missing, []);
  });

  it('env/.env.dev.example lists exactly the placeholders the manifest uses, empty', () => {
    const example = parseEnvFile(fs.readFileSync(path.join(repoRoot, 'env', '.env.dev.example'), 'utf8'), 'example');
    assert.deepEqual([...example.values.keys()].sort(), placeholdersIn(manifest).sort());
    assert.ok([...example.values.values()].every((value) => value === ''), 'the template holds no real ids');
  });
});

describe('filling placeholders', () => {
  it('replaces every ${{NAME}} in the manifest, including inside longer strings', () => {
    const filled = fillPlaceholders(manifest, localEnv());
    const text = JSON.stringify(filled.value);
    assert.doesNotMatch(text, /\$\{\{/);
    assert.match(text, new RegExp(`"api://botid-${localEnv().get('BOT_ID')}"`));
  });

  it('keeps the JSON intact when a value holds quotes or backslashes', () => {
    const filled = fillPlaceholders({ name: '${{DEVELOPER_NAME}}' }, new Map([['DEVELOPER_NAME', 'Contoso "IT" \\ Ops']]));
    assert.deepEqual(filled.value, { name: 'Contoso "IT" \\ Ops' });
  });

  it('reports a name with no value, and an empty value, as missing', () => {
    const filled = fillPlaceholders(['${{A}}', '${{B}}-${{A}}', '${{C}}'], new Map([['B', ''], ['C', 'c']]));
    assert.deepEqual(filled.missing, ['A', 'B']);
    assert.deepEqual(filled.value, ['${{A}}', '${{B}}-${{A}}', 'c']);
  });

  it('reports a mistyped placeholder instead of shipping it', () => {
    const filled = fillPlaceholders({ id: '${{BOT_ID}', domain: '${BOT_DOMAIN}' }, new Map([['BOT_ID', 'x']]));
    assert.deepEqual(filled.malformed, ['${{BOT_ID}', '${BOT_DOMAIN}']);
  });
});

describe('packaging with an incomplete env file', () => {
  it('fails naming every placeholder that has no value, and writes no zip', () => {
    const dir = scratchDir();
    const env = localEnv();
    env.delete('BOT_ID');
    env.set('BOT_DOMAIN', '');
    const result = buildAppPackage({ repoRoot, envName: 'local', envFile: writeEnvFile(dir, env), outDir: dir });
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    assert.deepEqual(problems.filter((p) => p.startsWith('no value')).map((p) => /\$\{\{(\w+)\}\}/.exec(p)?.[1]), ['BOT_ID', 'BOT_DOMAIN']);
    assert.match(problems.join('\n'), /no value for \$\{\{BOT_ID\}\} in .*test\.env \(used in manifest\.json\)/);
    assert.equal(fs.existsSync(path.join(dir, 'appPackage.local.zip')), false);
  });

  it('points to the template when the env file does not exist, and still lists every placeholder', () => {
    const dir = scratchDir();
    fs.copyFileSync(path.join(repoRoot, 'env', '.env.dev.example'), path.join(dir, '.env.dev.example'));
    const result = buildAppPackage({ repoRoot, envName: 'dev', envFile: path.join(dir, '.env.dev'), outDir: dir });
    assert.ok(!result.ok);
    const envFile = path.relative(repoRoot, path.join(dir, '.env.dev'));
    assert.equal(result.problems[0], `${envFile} not found: copy ${envFile}.example to ${envFile} and fill in the values`);
    assert.equal(result.problems.filter((p) => p.startsWith('no value')).length, placeholdersIn(manifest).length);
  });

  it('reports a bot domain written as a URL', () => {
    const dir = scratchDir();
    const env = localEnv().set('BOT_DOMAIN', 'https://bot.contoso.com/api');
    const result = buildAppPackage({ repoRoot, envName: 'local', envFile: writeEnvFile(dir, env), outDir: dir });
    assert.ok(!result.ok && result.problems.includes('validDomains: "https://bot.contoso.com/api" must be a host name without scheme or path'));
  });

  it('reports a bot id that is not a GUID through the manifest schema', () => {
    const dir = scratchDir();
    const env = localEnv().set('BOT_ID', 'my-bot');
    const result = buildAppPackage({ repoRoot, envName: 'local', envFile: writeEnvFile(dir, env), outDir: dir });
    assert.ok(!result.ok);
    assert.match(result.problems.join('\n'), /manifest\.json: \/bots\/0\/botId must match pattern/);
  });
});
