// Mapping between ResetRequest and its entity in the `requests` table. Entities are parsed with
// zod on the way out, so a row written by a newer build (a new state, a renamed property) fails
// loudly here instead of handing the lifecycle a value its types say cannot exist.
import type { TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import type { ResetRequest } from '../../reset/request';
import { APPROVER_KINDS, FAILURE_REASONS, MANAGER_NOTICES, OFFERED_ACTIONS, PLATFORM_KINDS, REQUEST_STATES } from '../domain-values';
import { epochMs } from '../timestamps';
import { entity } from './entities';
import { joinKey, sortableMs } from './keys';

/** A missing property is null: Table Storage stores no nulls (see `entity`). */
const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
const text = orNull(z.string());

const RequestFields = z.object({
  id: z.string(),
  version: z.number().int(),
  state: z.enum(REQUEST_STATES),
  tenantId: z.string(),
  requesterId: z.string(),
  requesterName: z.string(),
  locale: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  deviceModel: z.string(),
  deviceOs: z.string(),
  deviceOsVersion: z.string(),
  deviceOwnerType: z.string(),
  deviceLastSyncAt: z.string(),
  devicePlatform: z.enum(PLATFORM_KINDS),
  action: z.enum(OFFERED_ACTIONS),
  createdAt: z.string(),
  updatedAt: z.string(),
  conversationId: z.string(),
  cardActivityId: text,
  actionSentAt: text,
  nextCheckAt: text,
  failureReason: orNull(z.enum(FAILURE_REASONS)),
  hidePasscodeAt: text,
  passcodeActivityId: text,
  approver: orNull(z.enum(APPROVER_KINDS)),
  expiresAt: text,
  decidedBy: text,
  decidedByName: text,
  decisionNote: text,
  managerId: text,
  managerName: text,
  managerNotice: orNull(z.enum(MANAGER_NOTICES)),
});
const RequestEntity = RequestFields.extend({ etag: z.string() });

/** A request as read, with the ETag its compare-and-set must present. */
export interface StoredRequest {
  request: ResetRequest;
  etag: string;
}

/** Requests of one requester share a partition: "my requests" and "how many today" stay in it. */
export function requestKeys(requesterId: string, id: string): { partitionKey: string; rowKey: string } {
  return { partitionKey: joinKey(requesterId), rowKey: joinKey(id) };
}

/** Checked on the way in too: a patch with a value the domain does not know (a cast gone wrong) is refused, as SQLite refuses it. */
export function toRequestEntity(request: ResetRequest): TableEntity {
  const { device, ...rest } = request;
  const { partitionKey, rowKey } = requestKeys(request.requesterId, request.id);
  const fields = RequestFields.parse({
    ...rest,
    deviceId: device.deviceId,
    deviceName: device.deviceName,
    deviceModel: device.model,
    deviceOs: device.operatingSystem,
    deviceOsVersion: device.osVersion,
    deviceOwnerType: device.ownerType,
    deviceLastSyncAt: device.lastSyncDateTime,
    devicePlatform: device.platform,
  });
  // createdKey is for `countRequestsSince`: a filter compares text, and this text sorts like the instant.
  return entity(partitionKey, rowKey, { ...fields, createdKey: sortableMs(epochMs(request.createdAt)) });
}

export function toStoredRequest(stored: unknown): StoredRequest {
  const { etag, deviceId, deviceName, deviceModel, deviceOs, deviceOsVersion, deviceOwnerType, deviceLastSyncAt, devicePlatform, ...rest } =
    RequestEntity.parse(stored);
  const device = {
    deviceId,
    deviceName,
    model: deviceModel,
    operatingSystem: deviceOs,
    osVersion: deviceOsVersion,
    ownerType: deviceOwnerType,
    lastSyncDateTime: deviceLastSyncAt,
    platform: devicePlatform,
  };
  return { etag, request: { ...rest, device } };
}
