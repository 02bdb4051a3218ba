// `npx tsx bench/turn-steps.ts`: µs of CPU per call of the bot's own pure-CPU steps in a
// "reset my PIN" turn (no I/O): the activity's parse, the intent, the device page's zod parse, the
// offer card and its JSON, the request's log line. Best of 3 rounds of 50,000 calls after a warm-up.
import { message } from './activities';
import { IncomingActivity } from '../src/bot/activity';
import { offerCard } from '../src/cards';
import { DevicePage } from '../src/graph/schemas';
import { recognizeIntent } from '../src/i18n/intent';
import { createLogger, withLogContext } from '../src/log';
import { managedDevice, request } from '../test/cards/support/samples';

const activity = message({ serviceUrl: 'http://127.0.0.1:3978', tenantId: '72f988bf-0000-4000-8000-000000000000' }, { id: 'be5c0001-0000-4000-8000-000000000022', name: 'User 22' }, 'reset my PIN');
const wire = JSON.stringify(activity);
const page = JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#managedDevices', value: [managedDevice()] });
const offered = request();
const card = offerCard('en', offered, 1);
const log = createLogger('info', () => undefined);

const STEPS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['JSON.parse of the activity', (): unknown => JSON.parse(wire)],
  ['activity zod parse (activity.ts)', () => IncomingActivity.safeParse(activity)],
  ['intent of "reset my PIN"', () => recognizeIntent('reset my PIN')],
  ['device page JSON.parse + zod', () => DevicePage.safeParse(JSON.parse(page) as unknown)],
  ['offer card', () => offerCard('en', offered, 1)],
  ['JSON.stringify of the card', () => JSON.stringify(card)],
  ['one log line', () => withLogContext({ correlationId: 'c0ffee00-0000-4000-8000-000000000000' }, () => log.info('http request', { path: '/api/messages', status: 200, ms: 3 }))],
];

const CALLS = 50_000;
for (const [name, step] of STEPS) {
  for (let i = 0; i < 5_000; i++) step();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) step();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / CALLS);
  }
  console.log(`${name.padEnd(34)} ${best.toFixed(2)} µs`);
}
