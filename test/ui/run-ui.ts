// `npm run test:ui`: a person's test in a real browser. Starts the demo the way `npm run demo` does
// (demo tenant + built bot + Agents Playground) in a fresh folder on free loopback ports, waits
// until the bot and the Playground answer, runs the browser scenarios (test/ui/*.ui.ts) with mocha
// and the summary reporter, and always stops the demo's process group at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { demoSettingsToEnv, killDemoNow, startDemo, stopDemo, type DemoSettings } from './support/demo-process';

const root = path.resolve(__dirname, '../..');

/** In this order: the approval scenario restarts the demo as the helpdesk agent, so it runs last. */
const SCENARIOS = [
  'test/ui/card-warnings.ui.ts',
  'test/ui/self-service-en.ui.ts',
  'test/ui/self-service-zh-tw.ui.ts',
  'test/ui/help-and-status.ui.ts',
  'test/ui/recovery-key.ui.ts',
  'test/ui/approval.ui.ts',
];

/** `npm run test:ui -- recovery-key`: only the scenarios whose file name holds one of the words given. */
function chosenScenarios(): string[] {
  const words = process.argv.slice(2);
  const chosen = words.length === 0 ? SCENARIOS : SCENARIOS.filter((file) => words.some((word) => path.basename(file).includes(word)));
  if (chosen.length === 0) throw new Error(`no scenario matches ${words.join(', ')}: ${SCENARIOS.join(', ')}`);
  return chosen;
}

async function main(): Promise<number> {
  const scenarios = chosenScenarios();
  const dir = path.join(root, 'test-results', 'ui-demo');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const settings: DemoSettings = { dir, botPort: await freePort(), playgroundPort: await freePort() };
  process.once('exit', () => killDemoNow(settings));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killDemoNow(settings);
      process.exit(1);
    });
  }
  const started = Date.now();
  try {
    await startDemo(settings, 'employee');
    console.log(`Demo up in ${((Date.now() - started) / 1000).toFixed(1)} s (Playground on port ${settings.playgroundPort}; logs in ${dir})`);
    return await runMocha(settings, scenarios);
  } finally {
    await stopDemo(settings);
  }
}

function runMocha(settings: DemoSettings, scenarios: string[]): Promise<number> {
  const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const reporter = path.join(root, 'test', 'support', 'summary-reporter.cjs');
  const args = ['--reporter', reporter, '--require', 'tsx/cjs', '--require', 'test/ui/support/root-hooks.ts', '--timeout', '120000', '--slow', '20000', ...scenarios];
  const child = spawn(process.execPath, [mocha, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...demoSettingsToEnv(settings) },
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** A port nothing listens on right now, asked of the OS on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('\n0 passed, 1 failed'); // the demo did not start: still give CI its closing line
    process.exit(1);
  },
);
