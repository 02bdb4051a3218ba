import type { GuideTopic } from '../intune/device';
import type { DeviceSnapshot } from '../reset/request';
import { t, type Locale } from '../i18n';
import { deviceFacts, viewOfSnapshot } from './device-facts';
import { renderCard, type AdaptiveCard } from './template';

/**
 * For devices with no remote action: how the user fixes it on the device. The one button, where
 * RECOVERY_KEY_POLICY allows it, leads to the BitLocker recovery key (the PC's other lock-out).
 */
export function guidanceCard(locale: Locale, device: DeviceSnapshot, topic: GuideTopic, options: { offerRecoveryKey?: boolean } = {}): AdaptiveCard {
  const facts = deviceFacts(locale, viewOfSnapshot(locale, device));
  switch (topic) {
    case 'windowsHelloReset':
      return renderCard('guidance', {
        fallbackText: t(locale, 'guide.fallback'),
        title: t(locale, 'guide.windows.title'),
        facts,
        intro: t(locale, 'guide.windows.noRemote'),
        steps: [t(locale, 'guide.windows.step1'), t(locale, 'guide.windows.step2'), t(locale, 'guide.windows.step3')],
        notes: [t(locale, 'guide.windows.password'), t(locale, 'guide.windows.hybrid'), t(locale, 'guide.windows.offline')],
        offerRecoveryKey: options.offerRecoveryKey === true,
        recoveryKeyLabel: t(locale, 'recoveryKey.startButton'),
      });
    default: {
      const _never: never = topic;
      return _never;
    }
  }
}
