// The built bot as a separate process, started the way a platform starts it (a Node binary and
// dist/src/index.js, or `npm start` in a deployed folder), then asked over HTTP what a user sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, DEMO_USER_IDS, type DemoTenant } from '../../../src/demo/tenant';
import type { LocalConnector } from '../../support/connector';

export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** What the process wrote on stderr so far (for failure messages). */
  stderr(): string;
}

/** Demo-tenant settings and nothing else from the test's own environment but PATH and the CA file. */
export function demoSettings(tenant: DemoTenant, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pinbot-runtime-'));
  return {
    PATH: process.env.PATH,
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    PORT: String(port),
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_CLIENT_ID,
    AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    AZURE_AUTHORITY_HOST: tenant.authorityHost,
    GRAPH_ENDPOINT: tenant.graphEndpoint,
    STORE: `sqlite:${path.join(dir, 'pinbot.db')}`,
    ...extra,
  };
}

/** Started in its own process group, so stopping it also reaches what `npm start` started. */
export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; port: number }): BotProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, port: options.port, stderr: () => stderr };
}

/** Resolves on the first 200 from /healthz; fails early, with the process's stderr, if it exits. */
export async function waitForHealth(bot: BotProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.child.exitCode !== null) throw new Error(`the bot exited with code ${bot.child.exitCode}:\n${bot.stderr()}`);
    const ok = await fetch(`http://127.0.0.1:${bot.port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 from /healthz on ${bot.port} within ${timeoutMs} ms:\n${bot.stderr()}`);
}

/** SIGTERM, then the exit code (SIGKILL after `timeoutMs`, so a hung process never outlives the test). */
export function stopProcess(bot: BotProcess, timeoutMs = 5000): Promise<number | null> {
  if (bot.child.exitCode !== null) return Promise.resolve(bot.child.exitCode);
  const signalGroup = (signal: NodeJS.Signals): void => {
    if (bot.child.pid !== undefined) process.kill(-bot.child.pid, signal);
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
    bot.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    signalGroup('SIGTERM');
  });
}

/**
 * Posts "reset my PIN" from the demo employee in a Teams personal chat (shape as in test/support/
 * bot-harness.ts) and returns the cards the bot sent back to the local connector.
 */
export async function askForReset(bot: BotProcess, connector: LocalConnector, timeoutMs = 10_000): Promise<Record<string, unknown>[]> {
  const user = DEMO_USER_IDS.employee;
  const conversationId = `a:personal-${user}`;
  const response = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      locale: 'en-US',
      text: 'reset my PIN',
      from: { id: `29:${user}`, name: 'Chen Mei-Ling', aadObjectId: user },
      recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
      channelData: { tenant: { id: DEMO_TENANT_ID } },
    }),
  });
  if (response.status >= 300) throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const cards = connector.cardsIn(conversationId);
    if (cards.length > 0) return cards;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no card reached the connector within ${timeoutMs} ms:\n${bot.stderr()}`);
}
