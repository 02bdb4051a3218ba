// The bots as child processes, started the way a deployment starts them (`node <file>` with env),
// with their cold start timed and their memory read from /proc/<pid>/status.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { freePort } from '../test/support/ports';

export interface Memory {
  /** Resident set now, MB. */
  rssMb: number;
  /** The kernel's high-water mark of the resident set since start (VmHWM), MB. */
  peakMb: number;
}

export class BotProcess {
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly url: string,
    /** Spawn to the first 200 on /healthz, ms. */
    readonly coldStartMs: number,
    readonly logPath: string,
  ) {}

  /**
   * Spawns `node [nodeArgs] <entry>` with exactly `env` (plus PATH), stdout and stderr to `logPath`,
   * and waits for /healthz.
   */
  static async start(name: string, entry: string, env: Record<string, string>, logPath: string, nodeArgs: string[] = []): Promise<BotProcess> {
    const port = await freePort();
    const log = openSync(logPath, 'a');
    const started = performance.now();
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...nodeArgs, entry], {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', log, log],
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(url, child, 15_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become healthy (log: ${logPath})`, { cause: error });
    }
    return new BotProcess(name, child, url, performance.now() - started, logPath);
  }

  memory(): Memory {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return { rssMb: kbField(status, 'VmRSS') / 1024, peakMb: kbField(status, 'VmHWM') / 1024 };
  }

  /** SIGTERM, and SIGKILL to this one process if it has not ended within `graceMs`. Answers the exit code. */
  async stop(graceMs = 6_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

/** Samples a process's memory every `everyMs` and remembers the highest RSS seen. */
export class MemorySampler {
  private readonly timer: NodeJS.Timeout;
  maxRssMb = 0;

  constructor(private readonly bot: BotProcess, everyMs = 100) {
    this.timer = setInterval(() => {
      try {
        this.sample();
      } catch {
        // The process is exiting (its /proc status no longer lists memory): nothing left to sample.
      }
    }, everyMs);
    this.timer.unref();
  }

  sample(): Memory {
    const memory = this.bot.memory();
    this.maxRssMb = Math.max(this.maxRssMb, memory.rssMb);
    return memory;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function kbField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc status`);
  return Number(match[1]);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if ((await healthStatus(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no 200 on /healthz within ${timeoutMs} ms`);
}

function healthStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(1_000, () => request.destroy());
  });
}
