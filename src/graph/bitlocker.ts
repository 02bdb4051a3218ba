// BitLocker recovery keys in Entra ID, read with the SIGNED-IN USER's delegated token (Microsoft
// Learn: "List recoveryKeys", "Get bitlockerRecoveryKey"). The bot exchanges the user's token from
// the Azure Bot OAuth connection on behalf of the user (OBO) for a Graph token; Graph then lets
// the user read only keys of devices they are a registered owner of, and only where the tenant
// allows self-service recovery. The app-only credential never reads a key.
import { AuthenticationError, AuthenticationRequiredError, OnBehalfOfCredential } from '@azure/identity';
import { z } from 'zod';
import type { ManagedDevice } from '../intune/device';
import {
  RecoveryKeyReadError,
  type IntuneDeviceLinks,
  type RecoveryKeyInfo,
  type RecoveryKeyReader,
  type RecoveryKeyReaders,
} from '../recovery-key/ports';
import { createGraphClient, type GraphApi } from './client';
import { isKnownMicrosoftAuthority } from './credential';
import { isGraphFailure, type GraphFailure } from './errors';
import { DEVICE_FIELDS, DeviceJson, parseGraph } from './schemas';

/** The bot's own app registration: the audience of the user's SSO token, so the one that may exchange it. */
export interface OnBehalfOfApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
}

export interface DelegatedGraphOptions {
  app: OnBehalfOfApp;
  graphEndpoint: string;
  timeoutMs: number;
  /** Sent as `ocp-client-name` / `ocp-client-version`, as the BitLocker key pages' requests show. */
  client: { name: string; version: string };
}

const KEYS = '/informationProtection/bitlocker/recoveryKeys';

const KeyJson = z.object({
  id: z.string().min(1),
  createdDateTime: z.string().nullish().transform((v) => v ?? ''),
  // v1.0 names an enum member ("operatingSystemVolume"); the docs' sample shows "1". Either is fine.
  volumeType: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? '' : String(v))),
  deviceId: z.string().nullish().transform((v) => v ?? ''),
});
const KeyList = z.object({ value: z.array(KeyJson), '@odata.nextLink': z.string().optional() });
const KeyWithPassword = z.object({ key: z.string().regex(/^\d{6}(-\d{6}){7}$/) });
/** The Get page's sample wraps the object in "value"; Graph itself answers the bare entity. Accept both. */
const KeyAnswer = z.union([KeyWithPassword, z.object({ value: KeyWithPassword }).transform((v) => v.value)]);

/** One reader per user: its credential exchanges that user's token, never anyone else's. */
export function delegatedRecoveryKeyReaders(options: DelegatedGraphOptions): RecoveryKeyReaders {
  return (userAssertion: string) => {
    const { app } = options;
    // The OBO options type omits disableInstanceDiscovery, but the credential hands every option to
    // MSAL, which needs it for an authority that is not a Microsoft cloud (as in createGraphCredential).
    const credentialOptions = {
      tenantId: app.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      userAssertionToken: userAssertion,
      authorityHost: app.authorityHost,
      disableInstanceDiscovery: !isKnownMicrosoftAuthority(app.authorityHost),
    };
    const credential = new OnBehalfOfCredential(credentialOptions);
    const graph = createGraphClient({ credential, graphEndpoint: options.graphEndpoint, timeoutMs: options.timeoutMs });
    return new GraphRecoveryKeyReader(graph, options.client);
  };
}

export class GraphRecoveryKeyReader implements RecoveryKeyReader {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly graph: Pick<GraphApi, 'call'>,
    client: { name: string; version: string },
  ) {
    this.headers = { 'ocp-client-name': client.name, 'ocp-client-version': client.version, 'User-Agent': `${client.name}/${client.version}` };
  }

  async keysOfDevice(entraDeviceId: string): Promise<RecoveryKeyInfo[]> {
    if (!/^[0-9a-f-]{36}$/i.test(entraDeviceId)) throw new RecoveryKeyReadError('unavailable', 'the Entra device id is not a GUID');
    const keys: RecoveryKeyInfo[] = [];
    let path: string | undefined = KEYS;
    let query: Record<string, string> | undefined = { $filter: `deviceId eq '${entraDeviceId}'` };
    for (let page = 0; path !== undefined && page < 10; page += 1) {
      const answer = await this.read(path, query);
      const parsed = parseGraph(KeyList, answer, 'a list of BitLocker keys');
      keys.push(...parsed.value);
      path = parsed['@odata.nextLink'];
      query = undefined;
    }
    return keys;
  }

  async recoveryPassword(keyId: string): Promise<string> {
    // `$select=key` is what makes Graph return the key, and what Entra audits (KeyManagement).
    const answer = await this.read(`${KEYS}/${encodeURIComponent(keyId)}`, { $select: 'key' });
    return parseGraph(KeyAnswer, answer, 'a BitLocker key').key;
  }

  private async read(path: string, query: Record<string, string> | undefined): Promise<unknown> {
    try {
      return (await this.graph.call({ method: 'GET', path, query, headers: this.headers })).body;
    } catch (error: unknown) {
      if (isGraphFailure(error)) throw readErrorOf(error);
      throw error;
    }
  }
}

function readErrorOf(failure: GraphFailure): RecoveryKeyReadError {
  if (failure.phase === 'token') {
    // Entra refuses the exchange with invalid_grant (the user's token expired or was revoked; consent
    // or MFA required), which @azure/identity reports as AuthenticationRequiredError, or with another
    // 400: only a new sign-in helps. Anything else is Entra being unreachable.
    const refused = userMustSignIn(failure);
    return new RecoveryKeyReadError(refused ? 'signInNeeded' : 'unavailable', 'no delegated Graph token', { cause: failure });
  }
  if (failure.reason === 'forbidden') return new RecoveryKeyReadError('notAllowed', 'Graph refused the BitLocker key', { cause: failure });
  if (failure.reason === 'unauthorized') return new RecoveryKeyReadError('signInNeeded', 'Graph refused the delegated token', { cause: failure });
  return new RecoveryKeyReadError('unavailable', `Graph: ${failure.reason}`, { cause: failure });
}

function userMustSignIn(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof AuthenticationRequiredError) return true;
    if (current instanceof AuthenticationError) return current.statusCode === 400;
  }
  return false;
}

const EntraLink = z.object({ azureADDeviceId: z.string().nullish() });
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The managed device (app-only, like every Intune read) with the id of its Entra device. */
export class GraphIntuneDeviceLinks implements IntuneDeviceLinks {
  constructor(private readonly graph: Pick<GraphApi, 'call'>) {}

  async deviceWithEntraId(managedDeviceId: string): Promise<{ device: ManagedDevice; entraDeviceId: string | null } | undefined> {
    try {
      const answer = await this.graph.call({
        method: 'GET',
        path: `/deviceManagement/managedDevices/${encodeURIComponent(managedDeviceId)}`,
        query: { $select: [...DEVICE_FIELDS, 'azureADDeviceId'].join(',') },
        headers: { Prefer: 'include-unknown-enum-members' },
        permission: 'DeviceManagementManagedDevices.Read.All',
      });
      const device = parseGraph(DeviceJson, answer.body, 'a managed device');
      const link = parseGraph(EntraLink, answer.body, 'a managed device').azureADDeviceId ?? '';
      return { device, entraDeviceId: link === '' || link === EMPTY_GUID ? null : link };
    } catch (error: unknown) {
      if (isGraphFailure(error) && error.reason === 'notFound') return undefined;
      throw error;
    }
  }
}
