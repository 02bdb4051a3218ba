// Graph JSON → domain types. Everything Graph sends is parsed here once; the rest of the code uses the result.
import { z } from 'zod';
import type { ActionResult, ActionState, ManagedDevice } from '../intune/device';
import { GraphFailure } from './errors';

/** Parses Graph JSON with `schema`; a mismatch is Graph's (or a proxy's) fault: `badResponse`. */
export function parseGraph<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new GraphFailure('badResponse', `Graph sent ${what} in an unexpected shape`, { cause: parsed.error });
}

/** The managedDevice fields the domain reads; the `$select` of every device request. */
export const DEVICE_FIELDS = [
  'id',
  'deviceName',
  'model',
  'manufacturer',
  'operatingSystem',
  'osVersion',
  'userId',
  'userPrincipalName',
  'managedDeviceOwnerType',
  'deviceEnrollmentType',
  'managementState',
  'managementAgent',
  'lastSyncDateTime',
  // Beta only (v1.0 answers 400 for it): the one field that tells a personally owned work profile
  // ("androidForWork") from a device administrator phone ("android"); see GraphIntune.
  'deviceType',
] as const;

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const NO_USER = new Set(['', '00000000-0000-0000-0000-000000000000']);

/** Graph reports a device that never checked in with the year-1 date. */
const NEVER = /^0001-01-01/;

const ManagedDeviceJson = z.object({
  id: z.string().min(1),
  deviceName: text,
  model: text,
  manufacturer: text,
  operatingSystem: text,
  osVersion: text,
  // A device without a primary user comes back with null, "" or the empty GUID.
  userId: z
    .string()
    .nullish()
    .transform((value) => (value === undefined || value === null || NO_USER.has(value) ? null : value)),
  userPrincipalName: text,
  managedDeviceOwnerType: text,
  deviceEnrollmentType: text,
  managementState: text,
  managementAgent: text,
  deviceType: text,
  lastSyncDateTime: text.transform((value) => (NEVER.test(value) ? '' : value)),
}) satisfies z.ZodType<ManagedDevice, unknown>;

export const DevicePage = z.object({
  value: z.array(ManagedDeviceJson),
  '@odata.nextLink': z.string().min(1).nullish(),
});

export const DeviceJson = ManagedDeviceJson;

const ACTION_STATES = ['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported'] as const;
const ActionStateJson = z.enum(ACTION_STATES) satisfies z.ZodType<ActionState, unknown>;

/** Just enough to pick the entries of one action before parsing them fully. */
const NamedActionResult = z.object({ actionName: z.string().nullish() });

const DeviceActionResultJson = z.object({
  actionName: z.string(),
  actionState: ActionStateJson,
  startDateTime: text,
  lastUpdatedDateTime: text,
  // resetPasscodeActionResult carries the passcode at the top level; accept a nested form too.
  passcode: z.string().nullish(),
  resetPasscodeActionResult: z.object({ passcode: z.string().nullish() }).nullish(),
});

export const DeviceActionResultsJson = z.object({
  deviceActionResults: z.array(z.unknown()).nullish(),
});

/** The newest entry (by startDateTime) of `actionName`, or undefined when Intune has none. */
export function newestActionResult(entries: readonly unknown[], actionName: string): ActionResult | undefined {
  const wanted = actionName.toLowerCase();
  const results = entries
    .filter((entry) => NamedActionResult.safeParse(entry).data?.actionName?.toLowerCase() === wanted)
    .map((entry) => toActionResult(parseGraph(DeviceActionResultJson, entry, `a ${actionName} result`)));
  return results.reduce<ActionResult | undefined>(
    (newest, result) => (newest === undefined || startOf(result) >= startOf(newest) ? result : newest),
    undefined,
  );
}

function toActionResult(json: z.output<typeof DeviceActionResultJson>): ActionResult {
  const passcode = json.resetPasscodeActionResult?.passcode ?? json.passcode;
  const result: ActionResult = {
    actionName: json.actionName,
    actionState: json.actionState,
    startDateTime: json.startDateTime,
    lastUpdatedDateTime: json.lastUpdatedDateTime,
  };
  if (passcode) result.passcode = passcode;
  return result;
}

function startOf(result: ActionResult): number {
  const time = Date.parse(result.startDateTime);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}
