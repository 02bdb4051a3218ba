// The facts a card shows about a device. Every value from Graph passes through markdownText here,
// the one place where device data becomes card text.
import type { ManagedDevice } from '../intune/device';
import type { DeviceSnapshot } from '../reset/request';
import { t, type Locale } from '../i18n';
import { markdownText } from './safe-text';
import { platformLabel } from './wording';

/** A device that has not checked in for this many days gets a warning: actions wait for check-in. */
export const STALE_AFTER_DAYS = 7;

export interface Fact {
  title: string;
  value: string;
}

/** What a card needs to show one device, already escaped. */
export interface DeviceView {
  name: string;
  model: string;
  os: string;
  platform: string;
}

export function viewOfSnapshot(locale: Locale, device: DeviceSnapshot): DeviceView {
  return {
    ...escapedBasics(locale, device),
    platform: platformLabel(locale, device.platform),
  };
}

/** The picker lists devices before src/intune has classified them, so no kind is shown ('' hides it). */
export function viewOfManaged(locale: Locale, device: ManagedDevice): DeviceView {
  const model = device.model.toLowerCase().startsWith(device.manufacturer.toLowerCase())
    ? device.model
    : `${device.manufacturer} ${device.model}`;
  return { ...escapedBasics(locale, { ...device, model }), platform: '' };
}

/** Device name, model, system and kind, plus any extra facts (already safe text). */
export function deviceFacts(locale: Locale, device: DeviceView, ...extra: Fact[]): Fact[] {
  return [{ title: t(locale, 'common.fact.device'), value: device.name }, ...detailFacts(locale, device), ...extra];
}

/**
 * Graph `managedDeviceOwnerType: personal`: the employee's own phone. Its name ("Mei-Ling's
 * iPhone") and model are the employee's business, not their manager's; the kind is enough to
 * judge whether a request is genuine.
 */
export function isPersonallyOwned(device: Pick<DeviceSnapshot, 'ownerType'>): boolean {
  return device.ownerType.trim().toLowerCase() === 'personal';
}

/** What a manager sees of a personally owned device: its kind and that it is personal, nothing else. */
export function personalDeviceFacts(locale: Locale, device: DeviceView): Fact[] {
  return [
    { title: t(locale, 'common.fact.type'), value: device.platform },
    { title: t(locale, 'approval.fact.ownership'), value: t(locale, 'managerNotice.personalDeviceFact') },
  ];
}

/** Model, system and kind: for cards that show the name as a heading of its own. */
export function detailFacts(locale: Locale, device: DeviceView): Fact[] {
  const facts: Fact[] = [
    { title: t(locale, 'common.fact.model'), value: device.model },
    { title: t(locale, 'common.fact.os'), value: device.os },
  ];
  if (device.platform) facts.push({ title: t(locale, 'common.fact.type'), value: device.platform });
  return facts;
}

type DeviceBasics = Pick<ManagedDevice, 'deviceName' | 'model' | 'operatingSystem' | 'osVersion'>;

function escapedBasics(locale: Locale, device: DeviceBasics): Omit<DeviceView, 'platform'> {
  const unknown = t(locale, 'common.unknown');
  return {
    name: markdownText(device.deviceName, 80) || unknown,
    model: markdownText(device.model, 80) || unknown,
    os: markdownText(`${device.operatingSystem} ${device.osVersion}`, 60) || unknown,
  };
}
