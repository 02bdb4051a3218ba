// A child process for test/store/outbox-concurrency.test.ts: its own process and connection.
// Prints "ready" once the store is open, waits for a line on stdin so that every worker starts
// together, then claims (and never completes) until nothing is left, and prints what it claimed.
import { openStore } from '../../../src/store';

async function main(): Promise<void> {
  const [spec, owner, now] = process.argv.slice(2);
  if (spec === undefined || owner === undefined || now === undefined) throw new Error('usage: claim-race-worker <store spec> <owner> <now ISO>');
  const store = openStore(spec);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const claimed: string[] = [];
  for (;;) {
    const batch = await store.claimDueMessages(owner, new Date(now), 3_600_000, 3);
    if (batch.length === 0) break;
    claimed.push(...batch.map((message) => message.eventKey));
  }
  store.close();
  process.stdout.write(`${JSON.stringify({ claimed })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
