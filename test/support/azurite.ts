// Azurite's Table service for tests: the npm package in node_modules (no global install, no
// Docker), in memory, on a free loopback port, stopped when the test run ends.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const BIN = path.join(root, 'node_modules', '.bin', 'azurite-table');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 3_000;

/** Azurite's documented development account: public, and accepted by Azurite only. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  port: number;
  /** `TableEndpoint=http(s)://127.0.0.1:<port>/devstoreaccount1;` with the well-known key. */
  connectionString: string;
  /** `http(s)://127.0.0.1:<port>/devstoreaccount1`, for account-URL settings. */
  accountUrl: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /**
   * Serve HTTPS with this certificate (the client must trust it, e.g. via NODE_EXTRA_CA_CERTS) and
   * accept bearer tokens: Azurite's "basic" OAuth checks a token's issuer, audience and lifetime,
   * not its signature. The SDK sends bearer tokens over HTTPS only.
   */
  oauthOverHttps?: { certPath: string; keyPath: string };
}

/** Starts Azurite Table on a free port and resolves once it listens; retries once if the port was taken meanwhile. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  try {
    return await startOn(await freePort(), options);
  } catch (error) {
    if (!(error instanceof AzuriteStartError) || error.reason !== 'exited') throw error;
    return startOn(await freePort(), options);
  }
}

export class AzuriteStartError extends Error {
  override readonly name = 'AzuriteStartError';

  constructor(
    readonly reason: 'exited' | 'timedOut',
    message: string,
  ) {
    super(message);
  }
}

async function startOn(port: number, options: AzuriteOptions): Promise<Azurite> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pinbot-azurite-'));
  const args = ['--inMemoryPersistence', '--disableTelemetry', '--silent', '--tableHost', '127.0.0.1', '--tablePort', String(port)];
  const tls = options.oauthOverHttps;
  if (tls !== undefined) args.push('--cert', tls.certPath, '--key', tls.keyPath, '--oauth', 'basic');
  // The bin is a symlink to a script: run it with this Node, not whatever `node` PATH finds. The
  // workspace folder is its working directory, for anything it writes despite --inMemoryPersistence.
  const child = spawn(process.execPath, [fs.realpathSync(BIN), ...args], { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] });
  // A test run that dies must not leave Azurite behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stop(child, stopped);
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  try {
    await listening(child);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const scheme = tls === undefined ? 'http' : 'https';
  const accountUrl = `${scheme}://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    port,
    accountUrl,
    connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};TableEndpoint=${accountUrl};`,
    stop: cleanUp,
  };
}

/** Azurite prints "successfully started" once it listens, --silent or not. */
function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new AzuriteStartError('timedOut', `Azurite did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/successfully started/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new AzuriteStartError('exited', `Azurite exited with ${code} before it listened:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess, stopped: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await stopped;
  clearTimeout(timer);
}

/** A port nobody listens on right now (the OS picks it; there is a small window before Azurite takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}
