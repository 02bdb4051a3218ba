// Explicit mapping between the `requests`/`audit` rows and the domain types. Rows are parsed with
// zod on the way out, so a file written by a newer build (a new state, a renamed column) fails
// loudly here instead of handing the lifecycle a value its types say cannot exist.
import { z } from 'zod';
import type { AuditEntry, RequestPatch, ResetRequest } from '../../reset/request';
import { APPROVER_KINDS, FAILURE_REASONS, MANAGER_NOTICES, OFFERED_ACTIONS, PLATFORM_KINDS, REQUEST_STATES } from '../domain-values';
import { epochMs } from '../timestamps';

export const RequestRow = z.object({
  id: z.string(),
  version: z.number().int(),
  state: z.enum(REQUEST_STATES),
  tenant_id: z.string(),
  requester_id: z.string(),
  requester_name: z.string(),
  locale: z.string(),
  device_id: z.string(),
  device_name: z.string(),
  device_model: z.string(),
  device_os: z.string(),
  device_os_version: z.string(),
  device_owner_type: z.string(),
  device_last_sync_at: z.string(),
  device_platform: z.enum(PLATFORM_KINDS),
  action: z.enum(OFFERED_ACTIONS),
  created_at: z.string(),
  created_ms: z.number().int(),
  updated_at: z.string(),
  conversation_id: z.string(),
  card_activity_id: z.string().nullable(),
  action_sent_at: z.string().nullable(),
  next_check_at: z.string().nullable(),
  failure_reason: z.enum(FAILURE_REASONS).nullable(),
  hide_passcode_at: z.string().nullable(),
  passcode_activity_id: z.string().nullable(),
  approver: z.enum(APPROVER_KINDS).nullable(),
  expires_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_by_name: z.string().nullable(),
  decision_note: z.string().nullable(),
  manager_id: z.string().nullable(),
  manager_name: z.string().nullable(),
  manager_notice: z.enum(MANAGER_NOTICES).nullable(),
});
export type RequestRow = z.infer<typeof RequestRow>;

export function toRequest(row: RequestRow): ResetRequest {
  return {
    id: row.id,
    version: row.version,
    state: row.state,
    tenantId: row.tenant_id,
    requesterId: row.requester_id,
    requesterName: row.requester_name,
    locale: row.locale,
    device: {
      deviceId: row.device_id,
      deviceName: row.device_name,
      model: row.device_model,
      operatingSystem: row.device_os,
      osVersion: row.device_os_version,
      ownerType: row.device_owner_type,
      lastSyncDateTime: row.device_last_sync_at,
      platform: row.device_platform,
    },
    action: row.action,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    conversationId: row.conversation_id,
    cardActivityId: row.card_activity_id,
    actionSentAt: row.action_sent_at,
    nextCheckAt: row.next_check_at,
    failureReason: row.failure_reason,
    hidePasscodeAt: row.hide_passcode_at,
    passcodeActivityId: row.passcode_activity_id,
    approver: row.approver,
    expiresAt: row.expires_at,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decisionNote: row.decision_note,
    managerId: row.manager_id,
    managerName: row.manager_name,
    managerNotice: row.manager_notice,
  };
}

export function toRequestRow(request: ResetRequest): RequestRow {
  const { device } = request;
  return {
    id: request.id,
    version: request.version,
    state: request.state,
    tenant_id: request.tenantId,
    requester_id: request.requesterId,
    requester_name: request.requesterName,
    locale: request.locale,
    device_id: device.deviceId,
    device_name: device.deviceName,
    device_model: device.model,
    device_os: device.operatingSystem,
    device_os_version: device.osVersion,
    device_owner_type: device.ownerType,
    device_last_sync_at: device.lastSyncDateTime,
    device_platform: device.platform,
    action: request.action,
    created_at: request.createdAt,
    created_ms: epochMs(request.createdAt),
    updated_at: request.updatedAt,
    conversation_id: request.conversationId,
    card_activity_id: request.cardActivityId,
    action_sent_at: request.actionSentAt,
    next_check_at: request.nextCheckAt,
    failure_reason: request.failureReason,
    hide_passcode_at: request.hidePasscodeAt,
    passcode_activity_id: request.passcodeActivityId,
    approver: request.approver,
    expires_at: request.expiresAt,
    decided_by: request.decidedBy,
    decided_by_name: request.decidedByName,
    decision_note: request.decisionNote,
    manager_id: request.managerId,
    manager_name: request.managerName,
    manager_notice: request.managerNotice,
  };
}

/** Domain field → column of every field a patch may change. */
const PATCHABLE = {
  cardActivityId: 'card_activity_id',
  actionSentAt: 'action_sent_at',
  nextCheckAt: 'next_check_at',
  failureReason: 'failure_reason',
  hidePasscodeAt: 'hide_passcode_at',
  passcodeActivityId: 'passcode_activity_id',
  approver: 'approver',
  expiresAt: 'expires_at',
  decidedBy: 'decided_by',
  decidedByName: 'decided_by_name',
  decisionNote: 'decision_note',
  managerId: 'manager_id',
  managerName: 'manager_name',
  managerNotice: 'manager_notice',
} as const satisfies { [K in keyof Required<RequestPatch>]: keyof RequestRow };

type PatchColumn = (typeof PATCHABLE)[keyof typeof PATCHABLE];

export const PATCH_COLUMNS: readonly PatchColumn[] = Object.values(PATCHABLE);

/** The columns a patch may change, after applying `patch` over the stored values. */
export type PatchColumns = Pick<RequestRow, PatchColumn>;

/** `undefined` in a patch keeps the stored value; `null` clears it. */
export function applyPatch(row: RequestRow, patch: RequestPatch): PatchColumns {
  const next: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(PATCHABLE)) {
    const value = patch[field as keyof RequestPatch];
    next[column] = value === undefined ? row[column] : value;
  }
  return PatchColumnsRow.parse(next);
}

const PICK = Object.fromEntries(PATCH_COLUMNS.map((c) => [c, true])) as Record<PatchColumn, true>;
// Built once: zod prepares a schema on first use, and a patch is on every request's hot path.
const PatchColumnsRow = RequestRow.pick(PICK);

export const AuditRow = z.object({
  request_id: z.string(),
  at: z.string(),
  actor: z.string(),
  event: z.string(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export function toAuditEntry(row: AuditRow): AuditEntry {
  return { requestId: row.request_id, at: row.at, actor: row.actor, event: row.event, detail: row.detail };
}

export function toAuditRow(entry: AuditEntry): AuditRow {
  return { request_id: entry.requestId, at: entry.at, actor: entry.actor, event: entry.event, detail: entry.detail };
}
