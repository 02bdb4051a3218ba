// `npm run package [-- --env dev] [--env-file <path>] [--out-dir <dir>]`
// Fills appPackage/manifest.json and its localization files from env/.env.<env> (default: local),
// checks them against the Teams schemas and icon rules, and writes
// appPackage/build/appPackage.<env>.zip. Exits 1 listing every problem found.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './app-package/build';

const repoRoot = path.resolve(__dirname, '..');

function main(): number {
  const { values } = parseArgs({
    options: {
      env: { type: 'string', default: 'local' },
      'env-file': { type: 'string' },
      'out-dir': { type: 'string' },
    },
    strict: true,
  });
  const envName = values.env;
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) {
    console.error(`--env must be a plain name such as "local" or "dev", got "${envName}"`);
    return 2;
  }
  const result = buildAppPackage({
    repoRoot,
    envName,
    envFile: values['env-file'] ? path.resolve(values['env-file']) : undefined,
    outDir: values['out-dir'] ? path.resolve(values['out-dir']) : undefined,
  });
  if (!result.ok) {
    console.error(`Teams app package for "${envName}" not written, ${result.problems.length} problem(s):`);
    for (const problem of result.problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`wrote ${path.relative(process.cwd(), result.zipPath)}: ${result.entries.map((e) => e.name).join(', ')}`);
  return 0;
}

process.exitCode = main();
