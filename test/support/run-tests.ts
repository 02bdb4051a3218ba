// `npm test`: makes the demo tenant's test certificate, then runs mocha with Node trusting it.
// NODE_EXTRA_CA_CERTS is read only when a process starts, so it cannot be set from inside mocha.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDemoCertificate } from '../../src/demo/certificate';

const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const certDir = path.join(root, '.test-tmp', 'certs');
  const { certPath } = await ensureDemoCertificate(certDir);
  const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const reporter = path.join(root, 'test', 'support', 'summary-reporter.cjs');
  // `npm test -- test/graph` runs one folder; no argument runs everything.
  const specs = process.argv.slice(2);
  const args = specs.length > 0 ? specs.map(toSpec) : ['test/**/*.test.ts'];
  // ExperimentalWarning: node:sqlite announces itself as experimental on Node 22 (not on 24).
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--disable-warning=ExperimentalWarning', mocha, '--reporter', reporter, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath, TEST_CERT_DIR: certDir },
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function toSpec(arg: string): string {
  return arg.endsWith('.ts') || arg.startsWith('-') ? arg : `${arg.replace(/\/$/, '')}/**/*.test.ts`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
