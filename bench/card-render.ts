// `npx tsx bench/card-render.ts`: renders/s of the two cards a "reset my PIN" turn sends (the offer
// card for one device, the picker for three), expanded by adaptivecards-templating itself and by
// the compiled templates the bot uses (src/cards/compiled-template.ts). Each figure is the best of
// five 1-second rounds, the engines interleaved, so a busy neighbour on the machine hurts both alike.
import { devicePickerCard, offerCard } from '../src/cards';
import { useTemplateEngine, type TemplateEngine } from '../src/cards/template';
import { managedDevice, NOW, request } from '../test/cards/support/samples';

const ROUNDS = 5;

// The card tests' own samples: an iPhone offer, and a picker of an iPhone, an Android phone and a PC.
const device = managedDevice();
const devices = [
  device,
  managedDevice({ id: 'android-1', deviceName: 'Pixel', operatingSystem: 'Android', osVersion: '14' }),
  managedDevice({ id: 'pc-1', deviceName: 'DESKTOP-8F3K2', operatingSystem: 'Windows', lastSyncDateTime: '' }),
];
const offered = request();
const now = NOW;

const CARDS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['offer card (1 device)', () => offerCard('en', offered, 1)],
  ['picker card (3 devices)', () => devicePickerCard('en', devices, now)],
];

function rendersPerSecond(engine: TemplateEngine, render: () => unknown): number {
  useTemplateEngine(engine);
  const until = performance.now() + 1_000;
  let count = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) render();
    count += 100;
  }
  return count;
}

for (const [name, render] of CARDS) {
  const best: Record<TemplateEngine, number> = { library: 0, compiled: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const engine of ['library', 'compiled'] as const) best[engine] = Math.max(best[engine], rendersPerSecond(engine, render));
  }
  const us = (engine: TemplateEngine): string => (1e6 / best[engine]).toFixed(1);
  console.log(
    `${name.padEnd(24)} library ${best.library.toLocaleString('en')} /s (${us('library')} µs)   compiled ${best.compiled.toLocaleString('en')} /s (${us('compiled')} µs)   ${(best.compiled / best.library).toFixed(1)}×`,
  );
}
