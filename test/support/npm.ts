// Running npm from a test the way a user or a platform would, with the Node that runs the tests.
import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The platform's Node first on PATH (here: the Node running the tests, 24), and none of the
 * repository's node_modules/.bin folders or npm's own script variables.
 */
export function platformEnvironment(): NodeJS.ProcessEnv {
  const pathEntries = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && !dir.includes(`${path.sep}node_modules${path.sep}`));
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...env, PATH: [path.dirname(process.execPath), ...pathEntries].join(path.delimiter) };
}

/** npm run by the Node running the tests (npm sets npm_execpath for scripts), else npm from PATH. */
export function npmCommand(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.c?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
}

/** Runs a command to its end; resolves with its output, rejects with it on a non-zero exit. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = platformEnvironment()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = platformEnvironment()): Promise<string> {
  const [command, commandArgs] = npmCommand(args);
  return run(command, commandArgs, cwd, env);
}
