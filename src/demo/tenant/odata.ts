// The slice of OData the demo tenant understands: $select, $top/$skiptoken paging, simple $filter,
// and v1.0's hiding of enum members newer than its schema.

/** deviceEnrollmentType members v1.0 knows; newer ones come back as "unknownFutureValue" unless asked for. */
const V1_ENROLLMENT_TYPES = new Set([
  'unknown',
  'userEnrollment',
  'deviceEnrollmentManager',
  'appleBulkWithUser',
  'appleBulkWithoutUser',
  'windowsAzureADJoin',
  'windowsBulkUserless',
  'windowsAutoEnrollment',
  'windowsBulkAzureDomainJoin',
  'windowsCoManagement',
  'windowsAzureADJoinUsingDeviceAuth',
  'appleUserEnrollment',
  'appleUserEnrollmentWithServiceAccount',
]);

/**
 * managementAgentType members of v1.0 (Graph v1.0 managementAgentType doc). Beta adds
 * microsoft365ManagedMdm, msSense, intuneAosp and `google` (the Android Management API agent).
 * The v1.0 doc lists no `unknownFutureValue` sentinel for this enum, so what v1.0 really sends for a
 * newer member is not verified; the demo applies Graph's evolvable-enum rule as for deviceEnrollmentType.
 */
const V1_MANAGEMENT_AGENTS = new Set([
  'eas',
  'mdm',
  'easMdm',
  'intuneClient',
  'easIntuneClient',
  'configurationManagerClient',
  'configurationManagerClientMdm',
  'configurationManagerClientMdmEas',
  'unknown',
  'jamf',
  'googleCloudDevicePolicyController',
]);

/** v1.0 without `Prefer: include-unknown-enum-members`: members newer than its schema read "unknownFutureValue". */
export function maskNewEnumMembers<T extends { deviceEnrollmentType?: unknown; managementAgent?: unknown }>(device: T, includeUnknown: boolean): T {
  if (includeUnknown) return device;
  return {
    ...device,
    deviceEnrollmentType: masked(device.deviceEnrollmentType, V1_ENROLLMENT_TYPES),
    managementAgent: masked(device.managementAgent, V1_MANAGEMENT_AGENTS),
  };
}

function masked(value: unknown, known: ReadonlySet<string>): unknown {
  return typeof value !== 'string' || known.has(value) ? value : 'unknownFutureValue';
}

/** managedDevice properties that exist only in beta: v1.0 neither shows nor accepts them. */
export const BETA_ONLY_DEVICE_PROPERTIES: readonly string[] = ['deviceType'];

/** The $select field v1.0 would refuse (Graph answers 400 for a property its version does not have). */
export function unknownSelectedProperty(select: string | null, version: 'v1.0' | 'beta'): string | undefined {
  if (version === 'beta' || !select) return undefined;
  const wanted = select.split(',').map((field) => field.trim());
  return wanted.find((field) => BETA_ONLY_DEVICE_PROPERTIES.some((beta) => beta.toLowerCase() === field.toLowerCase()));
}

/** True when the Prefer header asks for evolvable enum members (it may list several preferences). */
export function prefersUnknownEnumMembers(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .some((part) => part.trim().toLowerCase() === 'include-unknown-enum-members');
}

/** Keeps the fields named in $select (and always `id`, as Graph does); no $select keeps everything. */
export function project(entity: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return entity;
  const wanted = new Set(select.split(',').map((field) => field.trim().toLowerCase()));
  wanted.add('id');
  return Object.fromEntries(Object.entries(entity).filter(([field]) => wanted.has(field.toLowerCase())));
}

export interface Page<T> {
  value: T[];
  nextSkip?: number;
}

/** One page starting at the offset in $skiptoken, of $top items (capped) or the default page size. */
export function pageOf<T>(items: readonly T[], query: URLSearchParams, defaultPageSize: number): Page<T> {
  const skip = decodeSkipToken(query.get('$skiptoken') ?? query.get('$skipToken'));
  const top = Number(query.get('$top') ?? defaultPageSize);
  const size = Number.isInteger(top) && top > 0 ? Math.min(top, 1000) : defaultPageSize;
  const value = items.slice(skip, skip + size);
  return skip + size < items.length ? { value, nextSkip: skip + size } : { value };
}

/** The nextLink of a page: same path and query, with the skip token moved on. */
export function nextLinkFor(base: string, version: string, path: string, query: URLSearchParams, nextSkip: number): string {
  const params = [...query.entries()].filter(([key]) => key.toLowerCase() !== '$skiptoken');
  params.push(['$skiptoken', Buffer.from(`skip=${nextSkip}`).toString('base64url')]);
  const text = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `${base}/${version}${path}?${text}`;
}

function decodeSkipToken(token: string | null): number {
  if (!token) return 0;
  const match = /^skip=(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : 0;
}

export type FilterResult = { ok: true; keep: (entity: Record<string, unknown>) => boolean } | { ok: false; message: string };

/** `field eq 'value'` clauses joined by `and` — what the bot sends; anything else is refused like Graph would. */
export function parseFilter(filter: string | null): FilterResult {
  if (!filter) return { ok: true, keep: () => true };
  const tests: { field: string; value: string }[] = [];
  for (const clause of filter.split(/\s+and\s+/i)) {
    const match = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
    if (!match) return { ok: false, message: `Invalid filter clause: ${clause}` };
    tests.push({ field: match[1], value: match[2].replace(/''/g, "'").toLowerCase() });
  }
  return {
    ok: true,
    keep: (entity) => tests.every(({ field, value }) => scalarText(entity[field]).toLowerCase() === value),
  };
}

/** A property compared by `$filter eq`: strings, numbers and booleans as OData writes them; anything else matches nothing. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
