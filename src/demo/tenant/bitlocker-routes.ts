// /informationProtection/bitlocker/recoveryKeys as Graph v1.0 serves it (Microsoft Learn: "List
// recoveryKeys", "Get bitlockerRecoveryKey"): delegated tokens only here (the demo app holds no
// BitLocker application permission), the caller must be a registered owner of the device or an
// admin, the key itself only with `$select=key` and BitLockerKey.Read.All, and every such read is
// audited.
import type { BitLockerDirectory, DemoRecoveryKey } from './bitlocker';
import { graphError, json, SEGMENT, type GraphReply, type GraphRequestContext, type GraphRoute } from './routes';

const BASIC = ['BitLockerKey.ReadBasic.All', 'BitLockerKey.Read.All'];
const WITH_KEY = ['BitLockerKey.Read.All'];
const DEVICE_FILTER = /^\s*deviceId\s+eq\s+'([0-9a-f-]{36})'\s*$/i;

export function bitlockerRoutes(bitlocker: BitLockerDirectory): GraphRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^\/informationProtection\/bitlocker\/recoveryKeys$/i,
      permissions: [],
      delegated: true,
      denied: 'directory',
      handle: (context) => listKeys(bitlocker, context),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/informationProtection/bitlocker/recoveryKeys/${SEGMENT}$`, 'i'),
      permissions: [],
      delegated: true,
      denied: 'directory',
      handle: (context, [keyId]) => getKey(bitlocker, context, keyId),
    },
  ];
}

function listKeys(bitlocker: BitLockerDirectory, context: GraphRequestContext): GraphReply {
  const user = delegatedUser(context, BASIC);
  if ('reply' in user) return user.reply;
  const filter = context.query.get('$filter');
  const device = filter === null ? undefined : DEVICE_FILTER.exec(filter)?.[1];
  if (filter !== null && !device) return graphError(400, 'BadRequest', `Unsupported filter: ${filter}`);
  if (device && !bitlocker.mayRead(user.userId, device)) return notAuthorized('user is not an owner of the device or self-service is off');
  const keys = (device ? bitlocker.keysOfDevice(device) : bitlocker.allKeys()).filter((key) => bitlocker.mayRead(user.userId, key.deviceId));
  return json(200, {
    '@odata.context': `${context.baseUrl}/${context.version}/$metadata#informationProtection/bitlocker/recoveryKeys`,
    value: keys.map(basic),
  });
}

function getKey(bitlocker: BitLockerDirectory, context: GraphRequestContext, keyId: string): GraphReply {
  const withKey = (context.query.get('$select') ?? '').split(',').map((s) => s.trim().toLowerCase()).includes('key');
  const user = delegatedUser(context, withKey ? WITH_KEY : BASIC);
  if ('reply' in user) return user.reply;
  const key = bitlocker.key(keyId);
  if (!key) return graphError(404, 'Request_ResourceNotFound', `Resource '${keyId}' does not exist or one of its queried reference-property objects are not present.`);
  if (!bitlocker.mayRead(user.userId, key.deviceId)) return notAuthorized('user is not an owner of the device or self-service is off');
  if (!withKey) return json(200, { '@odata.context': contextOf(context), ...basic(key) });
  bitlocker.audit.push({ keyId: key.id, deviceId: key.deviceId, userId: user.userId, at: new Date().toISOString() });
  return json(200, { '@odata.context': contextOf(context), ...basic(key), key: key.key });
}

/** The signed-in user of a delegated token holding one of `scopes`, or Graph's refusal. */
function delegatedUser(context: GraphRequestContext, scopes: readonly string[]): { userId: string } | { reply: GraphReply } {
  const caller = context.caller;
  if (caller.kind !== 'delegated') return { reply: notAuthorized("token doesn't have the required permissions") };
  if (!caller.scopes.some((scope) => scopes.includes(scope))) return { reply: notAuthorized("token doesn't have the required permissions") };
  return { userId: caller.userId };
}

function notAuthorized(why: string): GraphReply {
  return graphError(403, 'authorization_error', `Failed to authorize, ${why}.`);
}

function basic(key: DemoRecoveryKey): Record<string, unknown> {
  return { id: key.id, createdDateTime: key.createdDateTime, volumeType: key.volumeType, deviceId: key.deviceId };
}

function contextOf(context: GraphRequestContext): string {
  return `${context.baseUrl}/${context.version}/$metadata#informationProtection/bitlocker/recoveryKeys/$entity`;
}
