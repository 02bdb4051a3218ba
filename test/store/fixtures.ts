// Shared arrangements for the store tests: real files in a fresh temp folder, sample domain values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NewOutboxMessage, StoredConversation } from '../../src/notify/ports';
import type { Clock } from '../../src/reset/ports';
import { NOTHING_HAPPENED_YET, type ResetRequest } from '../../src/reset/request';

/** A fresh folder under the OS temp dir; `remove()` in an `afterEach`. */
export function makeTempDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinbot-store-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A clock the test moves by hand, so `updatedAt` is predictable. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2025-03-01T09:00:00.000Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Alice's request `req-1` for her Pixel. Another id gets a device of its own (a device has at most
 * one open request), unless the test names the device.
 */
/** The person whose recovery-key attempts race-worker.ts's `claim-key-attempts` claims. */
export const RACED_KEY_REQUESTER = 'e5a1c7d2-0000-4000-8000-00000000c0ff';

export function sampleRequest(overrides: Partial<ResetRequest> = {}): ResetRequest {
  const id = overrides.id ?? 'req-1';
  return {
    id: 'req-1',
    version: 1,
    state: 'awaiting_confirmation',
    tenantId: 'tenant-1',
    requesterId: 'user-alice',
    requesterName: 'Alice Example',
    locale: 'zh-TW',
    device: {
      deviceId: id === 'req-1' ? 'device-pixel' : `device-of-${id}`,
      deviceName: "Alice's Pixel",
      model: 'Pixel 8',
      operatingSystem: 'Android',
      osVersion: '14.0',
      ownerType: 'company',
      // Graph sends this without milliseconds; it must come back exactly so.
      lastSyncDateTime: '2025-02-28T17:05:00Z',
      platform: 'android-corporate-work-profile',
    },
    action: 'resetWorkProfilePasscode',
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-01T08:00:00.000Z',
    conversationId: 'a:personal-alice',
    ...NOTHING_HAPPENED_YET,
    ...overrides,
  };
}

export function sampleConversation(overrides: Partial<StoredConversation> = {}): StoredConversation {
  return {
    conversationId: 'a:personal-alice',
    kind: 'personal',
    tenantId: 'tenant-1',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    userAadObjectId: 'user-alice',
    referenceJson: JSON.stringify({ conversation: { id: 'a:personal-alice' }, bot: { id: '28:bot' } }),
    updatedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}

/** The n-th channel card in the outbox, each to its own conversation. */
export function sampleOutboxMessage(n: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    id: `id-${n}`,
    eventKey: `request:${n}:channel-card`,
    lane: `conversation:a:user-${n}`,
    operation: { kind: 'send', target: { kind: 'conversation', conversationId: `a:user-${n}` } },
    payload: { type: 'message', text: `card ${n}`, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { version: '1.5' } }] },
    createdAt: '2025-03-01T09:00:00.000Z',
    ...overrides,
  };
}
