// A racing process for the store's multi-process tests: the script opens the store, prints
// "ready", waits for "go" on stdin, races, then prints one JSON object and exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export interface RaceProcess {
  ready: Promise<void>;
  go(): void;
  /** The ids listed under `resultKey` in what the process printed, once it exits with status 0. */
  result: Promise<string[]>;
}

export function startRaceProcess(script: string, args: readonly string[], resultKey: string): RaceProcess {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--require', 'tsx/cjs', script, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const result = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${path.basename(script)} exited with ${code}: ${stderr}`));
      const printed: unknown = JSON.parse(stdout.slice('ready\n'.length));
      assert.ok(typeof printed === 'object' && printed !== null && resultKey in printed);
      const ids: unknown = (printed as Record<string, unknown>)[resultKey];
      assert.ok(Array.isArray(ids));
      resolve(ids.map(String));
    });
  });
  // Fail fast instead of hanging on `ready` when the process dies while opening the store.
  void result.catch(markReady);
  return { ready, go: () => child.stdin.write('go\n'), result };
}
