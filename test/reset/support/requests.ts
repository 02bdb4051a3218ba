import { NOTHING_HAPPENED_YET, type ResetRequest } from '../../../src/reset/request';

/** A freshly offered request, as RequestService stores one. */
export function newRequestFixture(now: Date, overrides: Partial<ResetRequest> = {}): ResetRequest {
  const at = now.toISOString();
  return {
    id: '0b7e5b52-2f1c-4d8a-9a53-6c1f2e3d4a5b',
    version: 1,
    state: 'awaiting_confirmation',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    requesterId: 'a11ce000-0000-4000-8000-000000000001',
    requesterName: 'Alice Example',
    locale: 'en-US',
    device: {
      deviceId: 'iphone-a11c',
      deviceName: 'Alice iPhone',
      model: 'iPhone 15',
      operatingSystem: 'iOS',
      osVersion: '17.5.1',
      ownerType: 'company',
      lastSyncDateTime: at,
      platform: 'ios',
    },
    action: 'removePasscode',
    createdAt: at,
    updatedAt: at,
    conversationId: 'a:chat-alice',
    ...NOTHING_HAPPENED_YET,
    ...overrides,
  };
}
