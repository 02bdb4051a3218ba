// Sample domain values for card tests: one per platform family, and hostile names.
import type { ManagedDevice, PlatformKind } from '../../../src/intune/device';
import type { Person } from '../../../src/reset/ports';
import { NOTHING_HAPPENED_YET, type AuditEntry, type DeviceSnapshot, type ResetRequest } from '../../../src/reset/request';

export const NOW = new Date('2026-03-15T10:00:00Z');

export function managedDevice(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
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
    ...overrides,
  };
}

export function snapshot(platform: PlatformKind, overrides: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  const os = platform.startsWith('android') ? 'Android' : platform === 'ipados' ? 'iPadOS' : platform === 'windows' ? 'Windows' : 'iOS';
  return {
    deviceId: '6f1c2d3e-0000-4000-8000-000000000002',
    deviceName: `Alice ${platform}`,
    model: 'Model X',
    operatingSystem: os,
    osVersion: '14',
    ownerType: 'company',
    lastSyncDateTime: '2026-03-12T08:15:00Z',
    platform,
    ...overrides,
  };
}

export function request(overrides: Partial<ResetRequest> = {}): ResetRequest {
  return {
    id: '0e9d8c7b-0000-4000-8000-0000000000aa',
    version: 3,
    state: 'awaiting_confirmation',
    tenantId: 'tenant',
    requesterId: REQUESTER_ID,
    requesterName: 'Alice Chen',
    locale: 'en',
    device: snapshot('ios'),
    action: 'removePasscode',
    createdAt: '2026-03-15T09:00:00Z',
    updatedAt: '2026-03-15T09:01:00Z',
    conversationId: 'a:personal-chat',
    ...NOTHING_HAPPENED_YET,
    ...overrides,
  };
}

/** A request for an Android work-profile device, the platform that issues a temporary passcode. */
export function workProfileRequest(overrides: Partial<ResetRequest> = {}): ResetRequest {
  return request({ device: snapshot('android-work-profile'), action: 'resetWorkProfilePasscode', ...overrides });
}

export const HOSTILE_NAMES = [
  '[click](https://evil.example)',
  '${requester}',
  '**x**',
  '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
  '<a href="https://evil.example">x</a>',
  '![img](https://evil.example/p.png)',
  'https://evil.example/login',
  'www.evil.example',
  '- list item',
  '1. first',
  '_italic_ and `code` and ~~strike~~',
  'line\nbreak\r\u0007bell\u202Eevil',
  'back\\slash \\[x\\](y)',
] as const;

export const REQUESTER_ID = 'a1a1a1a1-0000-4000-8000-00000000000a';
export const APPROVER_ID = 'b2b2b2b2-0000-4000-8000-00000000000b';
export const MANAGER_ID = 'c3c3c3c3-0000-4000-8000-00000000000c';

/** A request waiting in the helpdesk channel: confirmed, manager notified, expiring in a day. */
export function approvalRequest(overrides: Partial<ResetRequest> = {}): ResetRequest {
  return request({
    state: 'awaiting_approval',
    approver: 'helpdesk',
    expiresAt: '2026-03-16T09:00:00Z',
    managerId: MANAGER_ID,
    managerName: 'Bob Lee',
    managerNotice: 'notified',
    ...overrides,
  });
}

/** The same request after a helpdesk member decided, in `state`. */
export function decidedRequest(state: ResetRequest['state'], overrides: Partial<ResetRequest> = {}): ResetRequest {
  return approvalRequest({
    state,
    decidedBy: APPROVER_ID,
    decidedByName: 'Carol Wu',
    decisionNote: state === 'rejected' ? 'Please call the helpdesk first.' : null,
    actionSentAt: state === 'executing' || state === 'succeeded' || state === 'failed' ? '2026-03-15T09:30:00Z' : null,
    ...overrides,
  });
}

export function person(overrides: Partial<Person> = {}): Person {
  return { id: REQUESTER_ID, displayName: 'Alice Chen', userPrincipalName: 'alice@contoso.example', ...overrides };
}

export function auditTrail(requestId: string): AuditEntry[] {
  const entry = (at: string, actor: string, event: string, detail: string): AuditEntry => ({ requestId, at, actor, event, detail });
  return [
    entry('2026-03-15T09:00:00Z', REQUESTER_ID, 'offered', 'ios removePasscode'),
    entry('2026-03-15T09:01:00Z', REQUESTER_ID, 'confirmed', 'needs helpdesk approval'),
    entry('2026-03-15T09:20:00Z', APPROVER_ID, 'approved', 'by helpdesk'),
    entry('2026-03-15T09:30:00Z', 'system', 'actionSent', 'sent'),
    entry('2026-03-15T09:40:00Z', 'system', 'succeeded', 'ok'),
  ];
}
