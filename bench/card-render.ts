// `npx tsx bench/card-render.ts`: renders/s of the two cards a "reset my PIN" turn sends (the offer
// card for one device, the picker for three), expanded by adaptivecards-templating itself and by
// the compiled templates the bot uses (src/cards/compiled-template.ts). Each figure is the best of
// five 1-second rounds, the engines interleaved, so a busy neighbour on the machine hurts both alike.
import { devicePickerCard, offerCard } from '../src/cards';
import { useTemplateEngine, type TemplateEngine } from '../src/cards/template';
import type { ManagedDevice } from '../src/intune/device';
import { NOTHING_HAPPENED_YET, type ResetRequest } from '../src/reset/request';

const ROUNDS = 5;

const device: ManagedDevice = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  deviceName: "Alice's iPhone",
  model: 'iPhone 15',
  manufacturer: 'Apple',
  operatingSystem: 'iOS',
  osVersion: '17.4.1',
  userId: 'a1a1a1a1-0000-4000-8000-00000000000a',
  userPrincipalName: 'alice@contoso.example',
  managedDeviceOwnerType: 'company',
  deviceEnrollmentType: 'userEnrollment',
  managementState: 'managed',
  managementAgent: 'mdm',
  deviceType: 'iPhone',
  lastSyncDateTime: '2026-03-14T08:30:00Z',
};
const devices = [device, { ...device, id: 'android-1', deviceName: 'Pixel', operatingSystem: 'Android', osVersion: '14' }, { ...device, id: 'pc-1', deviceName: 'DESKTOP-8F3K2', operatingSystem: 'Windows', lastSyncDateTime: '' }];
const request: ResetRequest = {
  id: '0e9d8c7b-0000-4000-8000-0000000000aa',
  version: 1,
  state: 'awaiting_confirmation',
  tenantId: 'tenant',
  requesterId: 'a1a1a1a1-0000-4000-8000-00000000000a',
  requesterName: 'Alice Chen',
  locale: 'en',
  device: { deviceId: device.id, deviceName: device.deviceName, model: device.model, operatingSystem: 'iOS', osVersion: '17.4.1', ownerType: 'company', lastSyncDateTime: device.lastSyncDateTime, platform: 'ios' },
  action: 'removePasscode',
  createdAt: '2026-03-15T09:00:00Z',
  updatedAt: '2026-03-15T09:00:00Z',
  conversationId: 'a:personal-chat',
  ...NOTHING_HAPPENED_YET,
};
const now = new Date('2026-03-15T10:00:00Z');

const CARDS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['offer card (1 device)', () => offerCard('en', request, 1)],
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
