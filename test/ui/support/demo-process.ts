// The demo exactly as `npm run demo` runs it (dist/src/demo/run-demo.js: demo tenant, the built bot
// as a child process, the Agents Playground), in a process group of its own so that one kill
// ends all three. The group id lives in a file in the demo folder: the runner, which always
// cleans up, and a scenario that restarts the demo as another person both go through it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const runDemo = path.join(root, 'dist', 'src', 'demo', 'run-demo.js');

export type DemoPerson = 'employee' | 'helpdesk' | 'manager';

export interface DemoSettings {
  /** DEMO_DIR: state (SQLite store, certificates, Playground config) and logs. */
  dir: string;
  botPort: number;
  playgroundPort: number;
}

/** The settings the runner hands to the scenarios (mocha runs in a child process). */
export function demoSettingsFromEnv(): DemoSettings {
  const dir = process.env.UI_DEMO_DIR;
  const botPort = Number(process.env.UI_BOT_PORT);
  const playgroundPort = Number(process.env.UI_PLAYGROUND_PORT);
  if (!dir || !botPort || !playgroundPort) throw new Error('run the browser test with `npm run test:ui`');
  return { dir, botPort, playgroundPort };
}

export function demoSettingsToEnv(settings: DemoSettings): Record<string, string> {
  return { UI_DEMO_DIR: settings.dir, UI_BOT_PORT: String(settings.botPort), UI_PLAYGROUND_PORT: String(settings.playgroundPort) };
}

export function playgroundUrl(settings: DemoSettings): string {
  return `http://localhost:${settings.playgroundPort}`;
}

/** The id of the signed-in person's personal chat, from the file the Playground reads. */
export function personalChatId(settings: DemoSettings): string {
  const config = readFileSync(path.join(settings.dir, 'playground', '.m365agentsplayground.yml'), 'utf8');
  const id = /^personalChat:\s*\n\s+id:\s*(\S+)/m.exec(config)?.[1];
  if (!id) throw new Error('no personalChat id in the Playground configuration');
  return id.replace(/^["']|["']$/g, '');
}

const groupFile = (settings: DemoSettings): string => path.join(settings.dir, 'demo.pgid');

/** Starts the demo signed in as `person` and resolves once the bot and the Playground answer. */
export async function startDemo(settings: DemoSettings, person: DemoPerson = 'employee'): Promise<void> {
  const output = openSync(path.join(settings.dir, 'demo.out'), 'a');
  const child = spawn(process.execPath, [runDemo, '--as', person], {
    cwd: root,
    detached: true, // its own process group: the bot and the Playground are killed with it
    stdio: ['ignore', output, output],
    env: {
      ...process.env,
      DEMO_DIR: settings.dir,
      PORT: String(settings.botPort),
      PLAYGROUND_PORT: String(settings.playgroundPort),
      // One simulated person clicks faster than the per-person Graph limit (default 10 a minute) allows.
      MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: '10000',
      // A recovery key (and a temporary passcode) hides after 30 s instead of the demo's 2 minutes,
      // so the recovery-key scenario sees it hidden without a long wait.
      PASSCODE_VISIBLE_MINUTES: '0.5',
    },
  });
  closeSync(output);
  if (child.pid === undefined) throw new Error('the demo did not start');
  writeFileSync(groupFile(settings), String(child.pid));
  child.unref();
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `the demo ended early (${signal ?? `code ${code}`}); see ${settings.dir}`));
  await waitUntil(`the demo as ${person}`, 60_000, async () => {
    if (exited) throw new Error(exited);
    return (await answers(`http://127.0.0.1:${settings.botPort}/healthz`)) && (await answers(playgroundUrl(settings)));
  });
}

/** Ends the demo's whole process group (SIGTERM, then SIGKILL after 5 s). Safe to call twice. */
export async function stopDemo(settings: DemoSettings): Promise<void> {
  const file = groupFile(settings);
  if (!existsSync(file)) return;
  const group = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  if (!signalGroup(group, 'SIGTERM')) return;
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (!signalGroup(group, 0)) return;
    await sleep(100);
  }
  signalGroup(group, 'SIGKILL');
}

/** Synchronous last resort for process exit handlers. */
export function killDemoNow(settings: DemoSettings): void {
  const file = groupFile(settings);
  if (existsSync(file)) signalGroup(Number(readFileSync(file, 'utf8')), 'SIGKILL');
}

export async function restartDemo(settings: DemoSettings, person: DemoPerson): Promise<void> {
  await stopDemo(settings);
  await startDemo(settings, person);
}

/** false when the group no longer exists. */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  if (!Number.isInteger(group) || group <= 1) return false;
  try {
    process.kill(-group, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntil(what: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await sleep(250);
  }
  throw new Error(`${what} did not answer within ${timeoutMs / 1000} s`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
