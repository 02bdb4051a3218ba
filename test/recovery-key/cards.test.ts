// What the recovery-key cards show and never show.
import assert from 'node:assert/strict';
import { recoveryKeyAskCard, recoveryKeyCard, refusalCard } from '../../src/cards';
import { textOf } from '../e2e/cards';

const KEY = '418363-280148-535183-290180-634557-183403-069355-226072';
const view = { deviceName: 'MEILING-LAPTOP', keyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };
const PC = { id: 'd0c1e5a0-0000-4000-8000-000000000010', deviceName: 'MEILING-LAPTOP', model: 'Surface Laptop 5', osVersion: '10.0.22631', lastSyncDateTime: '' };

describe('recovery-key cards', () => {
  it('show the key in the body only: not in the fallback text Teams uses for notifications', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const card = recoveryKeyCard(locale, view, KEY, 5);
      assert.ok(JSON.stringify(card['body']).includes(KEY));
      assert.ok(!String(card['fallbackText']).includes(KEY));
      assert.ok(!String(card['fallbackText']).match(/\d{6}-/));
    }
  });

  it('hide it completely once hidden, and show nothing that is not shaped like a recovery password', () => {
    assert.ok(!JSON.stringify(recoveryKeyCard('en', view, null, 5)).match(/\d{6}-\d{6}/));
    assert.ok(!JSON.stringify(recoveryKeyCard('en', view, '[click](https://evil.example)', 5)).includes('evil'));
  });

  it('put back into the Key ID box only what looks like a Key ID', () => {
    assert.ok(JSON.stringify(recoveryKeyAskCard('en', PC, { kind: 'none' }, '1a2b3c4d')).includes('1A2B3C4D'));
    assert.ok(!JSON.stringify(recoveryKeyAskCard('en', PC, { kind: 'none' }, '${evil}')).includes('evil'));
  });

  it('keep the Company Portal website guidance for a Mac (getFileVaultKey needs an admin-level permission)', () => {
    const snapshot = { deviceId: 'm1', deviceName: 'MacBook', model: 'MacBook Air', operatingSystem: 'macOS', osVersion: '14.5', ownerType: 'company', lastSyncDateTime: '', platform: 'macos' as const };
    assert.match(textOf(refusalCard('en', snapshot, 'macosNoReset')), /Company Portal website/);
    assert.match(textOf(refusalCard('zh-TW', snapshot, 'macosNoReset')), /公司入口網站/);
  });
});
