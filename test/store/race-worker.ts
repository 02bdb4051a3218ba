// A child process for the store's multi-process races — its own process, its own connection.
// Prints "ready" once the store is open, waits for a line on stdin so that every worker starts
// together, then races and prints the ids it won:
//   approve  <store> <id>…  moves each request from version 1 to approved
//   patch    <store> <id>…  writes its own card id at version 1 (so the version alone decides)
//   insert-one-device <store> <id>…  inserts all at once, every one for the same device
//   insert-daily <store> <id>…       inserts all at once, each for its own device, under a limit of 3 a day
//   claim-key-attempts <store> <id>… claims all at once recovery-key attempts of one person, under a limit of 3 a day
// <store> is a STORE spec, or JSON {spec, azure} from test/store/contract/stores.ts.
import { openStore, type Store } from '../../src/store';
import { RACED_KEY_REQUESTER, sampleRequest } from './fixtures';

const MODES = ['approve', 'patch', 'insert-one-device', 'insert-daily', 'claim-key-attempts'] as const;
type Mode = (typeof MODES)[number];
const RACED_DEVICE = 'device-raced';
const DAILY_LIMIT = 3;

function open(arg: string): Store {
  if (!arg.startsWith('{')) return openStore(arg);
  const { spec, azure } = JSON.parse(arg) as { spec: string; azure?: { connectionString: string; tablePrefix: string } };
  return openStore(spec, { azure });
}

async function race(store: Store, mode: Mode, ids: readonly string[]): Promise<string[]> {
  if (mode === 'approve' || mode === 'patch') {
    const won: string[] = [];
    for (const id of ids) {
      const changed = mode === 'approve' ? await store.transition(id, 1, 'approved') : await store.patch(id, 1, { cardActivityId: `worker-${process.pid}` });
      if (changed !== undefined) won.push(id);
    }
    return won;
  }
  if (mode === 'claim-key-attempts') return claimKeyAttempts(store, ids);
  const device = { ...sampleRequest().device, deviceId: RACED_DEVICE };
  const dailyLimit = { max: DAILY_LIMIT, sinceIso: '2025-03-01T00:00:00.000Z' };
  const outcomes = await Promise.all(
    ids.map((id) => (mode === 'insert-one-device' ? store.insertRequest(sampleRequest({ id, device })) : store.insertRequest(sampleRequest({ id }), { dailyLimit }))),
  );
  return ids.filter((_, i) => outcomes[i]?.kind === 'inserted');
}

async function claimKeyAttempts(store: Store, ids: readonly string[]): Promise<string[]> {
  const limit = { max: DAILY_LIMIT, sinceIso: '2025-03-01T00:00:00.000Z' };
  const attempt = (id: string) => ({
    id,
    at: new Date().toISOString(),
    tenantId: 't1',
    requesterId: RACED_KEY_REQUESTER,
    managedDeviceId: RACED_DEVICE,
    deviceName: '',
    outcome: 'pending' as const,
    keyId: null,
    locale: 'en-US',
    conversationId: 'a:personal',
    messageId: null,
    hideAt: null,
  });
  const claims = await Promise.all(ids.map((id) => store.claimRecoveryKeyAttempt(attempt(id), limit)));
  return ids.filter((_, i) => claims[i]?.kind === 'claimed');
}

async function main(): Promise<void> {
  const [mode, storeArg, ...ids] = process.argv.slice(2);
  if (!MODES.includes(mode as Mode) || storeArg === undefined) throw new Error(`usage: race-worker ${MODES.join('|')} <store> <request id>…`);
  const store = open(storeArg);
  await store.ready();
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const won = await race(store, mode as Mode, ids);
  store.close();
  process.stdout.write(`${JSON.stringify({ won })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
