// Every recovery-key screen (src/cards/recovery-key.ts), from a complete list of its refusals.
import * as cards from '../../../src/cards';
import type { Locale } from '../../../src/i18n';
import type { RecoveryKeyDevice } from '../../../src/recovery-key';
import type { Rendered } from './variants';
import { NOW } from './samples';

export const PC: RecoveryKeyDevice = {
  id: 'd0c1e5a0-0000-4000-8000-000000000010',
  deviceName: 'MEILING-LAPTOP',
  model: 'Surface Laptop 5',
  osVersion: '10.0.22631.4460',
  lastSyncDateTime: '2026-03-14T08:00:00Z',
};

const REFUSALS: Record<cards.RecoveryKeyRefusal['kind'], cards.RecoveryKeyRefusal> = {
  off: { kind: 'off' },
  noWindowsDevices: { kind: 'noWindowsDevices' },
  notAllowed: { kind: 'notAllowed', device: PC },
  tooManyAttempts: { kind: 'tooManyAttempts', limit: 5, retryAt: '2026-03-16T09:00:00.000Z' },
  notYourDevice: { kind: 'notYourDevice' },
  deviceNotFound: { kind: 'deviceNotFound' },
  notWindows: { kind: 'notWindows' },
  noEntraDevice: { kind: 'noEntraDevice', device: PC },
  unavailable: { kind: 'unavailable' },
  notDelivered: { kind: 'notDelivered', device: PC },
  approvalNeeded: { kind: 'approvalNeeded' },
};

export const SAMPLE_KEY = '418363-280148-535183-290180-634557-183403-069355-226072';

export function recoveryKeyCards(locale: Locale): Rendered[] {
  const view = { deviceName: PC.deviceName, keyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };
  return [
    ['help with the recovery key', () => cards.helpCard(locale, { recoveryKey: true })],
    ['guidance with the recovery-key button', () => cards.guidanceCard(locale, { deviceId: PC.id, deviceName: PC.deviceName, model: PC.model, operatingSystem: 'Windows', osVersion: PC.osVersion, ownerType: 'company', lastSyncDateTime: PC.lastSyncDateTime, platform: 'windows' }, 'windowsHelloReset', { offerRecoveryKey: true })],
    ['recovery key: devices', () => cards.recoveryKeyDevicesCard(locale, [PC, { ...PC, id: 'd0c1e5a0-0000-4000-8000-000000000099', deviceName: 'DESKTOP-8F3K2' }], NOW)],
    ['recovery key: ask for the Key ID', () => cards.recoveryKeyAskCard(locale, PC, { kind: 'none' })],
    ['recovery key: invalid Key ID', () => cards.recoveryKeyAskCard(locale, PC, { kind: 'invalidKeyId' })],
    ['recovery key: wrong Key ID', () => cards.recoveryKeyAskCard(locale, PC, { kind: 'wrongKeyId', attemptsLeft: 2 }, '0badc0de')],
    ['recovery key: sign in', () => cards.recoveryKeyAskCard(locale, PC, { kind: 'signIn', signInLink: 'https://token.botframework.com/api/oauth/signin?signin=abc', maxAgeMs: 300_000 }, '1a2b3c4d')],
    ['recovery key: sign-in unavailable', () => cards.recoveryKeyAskCard(locale, PC, { kind: 'signIn', signInLink: undefined, maxAgeMs: 300_000 })],
    ['recovery key: the key', () => cards.recoveryKeyCard(locale, view, SAMPLE_KEY, 5)],
    ['recovery key: hidden', () => cards.recoveryKeyCard(locale, view, null, 5)],
    ['recovery key: shown', () => cards.recoveryKeyShownCard(locale, PC, '2026-03-15T09:05:00.000Z')],
    ...Object.values(REFUSALS).map((refusal): Rendered => [`recovery key refused: ${refusal.kind}`, () => cards.recoveryKeyRefusalCard(locale, refusal)]),
  ];
}
