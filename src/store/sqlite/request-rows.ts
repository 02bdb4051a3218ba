// Explicit mapping between the `requests`/`audit` rows and the domain types. Rows are parsed with
// zod on the way out, so a file written by a newer build (a new state, a renamed column) fails
// loudly here instead of handing the lifecycle a value its types say cannot exist.
import { z } from 'zod';
import type { AuditEntry, RequestPatch, ResetRequest } from '../../reset/request';
import { FAILURE_REASONS, OFFERED_ACTIONS, PLATFORM_KINDS, REQUEST_STATES } from '../domain-values';
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
  };
}

/** The columns a patch may change, after applying `patch` over the stored values. */
export type PatchColumns = Pick<RequestRow, 'card_activity_id' | 'action_sent_at' | 'next_check_at' | 'failure_reason' | 'hide_passcode_at'>;

/** `undefined` in a patch keeps the stored value; `null` clears it. */
export function applyPatch(row: RequestRow, patch: RequestPatch): PatchColumns {
  return {
    card_activity_id: patch.cardActivityId === undefined ? row.card_activity_id : patch.cardActivityId,
    action_sent_at: patch.actionSentAt === undefined ? row.action_sent_at : patch.actionSentAt,
    next_check_at: patch.nextCheckAt === undefined ? row.next_check_at : patch.nextCheckAt,
    failure_reason: patch.failureReason === undefined ? row.failure_reason : patch.failureReason,
    hide_passcode_at: patch.hidePasscodeAt === undefined ? row.hide_passcode_at : patch.hidePasscodeAt,
  };
}

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
