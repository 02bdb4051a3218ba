// A child process for concurrency.test.ts — its own process, its own connection to the file.
// Prints "ready" once the store is open, waits for a line on stdin so that every worker starts
// together, then tries to change each given request from version 1 — `approve` moves it to
// approved, `patch` only writes its own card id (so the version alone decides) — and prints the
// ids it won.
import { openStore } from '../../src/store';

async function main(): Promise<void> {
  const [mode, spec, ...ids] = process.argv.slice(2);
  if ((mode !== 'approve' && mode !== 'patch') || spec === undefined) {
    throw new Error('usage: race-worker approve|patch <store spec> <request id>…');
  }
  const store = openStore(spec);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const won: string[] = [];
  for (const id of ids) {
    const changed =
      mode === 'approve' ? await store.transition(id, 1, 'approved') : await store.patch(id, 1, { cardActivityId: `worker-${process.pid}` });
    if (changed !== undefined) won.push(id);
  }
  store.close();
  process.stdout.write(`${JSON.stringify({ won })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
