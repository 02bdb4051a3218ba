import type { ManagedDevice } from '../intune/device';
import { daysSince, formatCheckInDays, t, type Locale } from '../i18n';
import { detailFacts, STALE_AFTER_DAYS, viewOfManaged } from './device-facts';
import { renderCard, type AdaptiveCard } from './template';

/** One block per device with its facts and its own "Choose this device" button. */
export function devicePickerCard(locale: Locale, devices: readonly ManagedDevice[], now: Date): AdaptiveCard {
  return renderCard('device-picker', {
    fallbackText: t(locale, 'picker.fallback'),
    title: t(locale, 'picker.title'),
    intro: t(locale, 'picker.intro'),
    chooseLabel: t(locale, 'picker.choose'),
    devices: devices.map((device) => deviceItem(locale, device, now)),
  });
}

function deviceItem(locale: Locale, device: ManagedDevice, now: Date): object {
  const view = viewOfManaged(locale, device);
  const days = daysSince(device.lastSyncDateTime, now);
  const lastCheckIn = {
    title: t(locale, 'common.fact.lastCheckIn'),
    value: formatCheckInDays(locale, device.lastSyncDateTime, days),
  };
  return {
    // The device id goes into the button's data unchanged: the server looks it up again.
    id: device.id,
    name: view.name,
    facts: [...detailFacts(locale, view), lastCheckIn],
    isStale: days !== null && days >= STALE_AFTER_DAYS,
    staleNote: days === null ? '' : t(locale, 'picker.stale', { days }),
  };
}
