// Starts the demo tenant: a Graph-compatible HTTP server and an HTTPS Entra-like token endpoint.
import type { Server } from 'node:net';
import { BitLockerDirectory } from './bitlocker';
import { bitlockerRoutes } from './bitlocker-routes';
import { deviceRoutes } from './device-routes';
import { FaultBook } from './faults';
import { createGraphServer } from './graph-server';
import { close, listen } from './http';
import { TenantState } from './state';
import { createSigningKey } from './signing-key';
import { createAuthorityServer, type AuthorityRequest } from './token-endpoint';
import { DemoTokenService } from './token-service';
import { TokenBook } from './tokens';
import type { DemoTenantOptions, FaultSpec, RecordedRequest } from './types';
import { teamsRoutes } from './teams-routes';
import { userRoutes } from './user-routes';

/** Delegated permissions the demo tenant consented to for the bot's app (read one's own BitLocker keys). */
export const DEMO_DELEGATED_PERMISSIONS: readonly string[] = ['BitLockerKey.ReadBasic.All', 'BitLockerKey.Read.All'];

/** Every application permission the bot needs; what the demo app registration holds by default. */
export const DEMO_APP_PERMISSIONS: readonly string[] = [
  'DeviceManagementManagedDevices.Read.All',
  'DeviceManagementManagedDevices.PrivilegedOperations.All',
  'User.Read.All',
  'GroupMember.Read.All',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'AppCatalog.Read.All',
];

/** The name of the demo's Azure Bot OAuth connection (OAUTH_CONNECTION_NAME), served by its token service. */
export const DEMO_OAUTH_CONNECTION = 'DemoTeamsSso';

export interface DemoTenant {
  /** "http://127.0.0.1:<port>" — the GRAPH_ENDPOINT. */
  readonly graphEndpoint: string;
  /** "https://127.0.0.1:<port>" — the AZURE_AUTHORITY_HOST. */
  readonly authorityHost: string;
  /**
   * "http://127.0.0.1:<port>" — a stand-in for the Bot Framework token service (BOT_TOKEN_SERVICE_URL,
   * local mode only) with its sign-in page; its user tokens are signed with the authority's keys.
   */
  readonly tokenServiceUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** Graph calls in arrival order (tokens never recorded). */
  readonly requests: RecordedRequest[];
  /** Calls to the token endpoint in arrival order (secrets never recorded). */
  readonly authorityRequests: AuthorityRequest[];
  /** Users, devices and action results; change them to shape a test. */
  readonly data: TenantState;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Empties both request logs. */
  resetLog(): void;
  /** Replaces the app's application permissions (a missing one makes Graph answer 403). */
  setPermissions(permissions: readonly string[]): void;
  /** Forgets every issued token: the next Graph call with an old token gets 401. */
  revokeTokens(): void;
  /** BitLocker recovery keys in Entra: registered owners, the self-service switch, the key-read audit. */
  readonly bitlocker: BitLockerDirectory;
  /**
   * The user's token for the bot's app, as the Azure Bot OAuth connection hands it over after Teams
   * SSO: the assertion the bot exchanges on behalf of the user. `lifetimeSeconds` 0 gives an expired one.
   */
  signInUser(userId: string, options?: { lifetimeSeconds?: number; audience?: string }): string;
  /** Replaces the delegated permissions consented for the app. */
  setDelegatedPermissions(permissions: readonly string[]): void;
  stop(): Promise<void>;
}

export async function startDemoTenant(opts: DemoTenantOptions): Promise<DemoTenant> {
  const host = opts.host ?? '127.0.0.1';
  const state = new TenantState(opts.actionCompletesAfterMs ?? 1500);
  const tokens = new TokenBook();
  const faults = new FaultBook();
  const requests: RecordedRequest[] = [];
  const authorityRequests: AuthorityRequest[] = [];
  let permissions = new Set(opts.permissions ?? DEMO_APP_PERMISSIONS);
  let delegated: readonly string[] = opts.delegatedPermissions ?? DEMO_DELEGATED_PERMISSIONS;
  const bitlocker = new BitLockerDirectory();
  let graphEndpoint = '';
  let authorityHost = '';
  let tokenServiceUrl = '';
  const signingKey = await createSigningKey();

  const graphServer = createGraphServer({
    routes: [...deviceRoutes(state, opts.pageSize ?? 100), ...userRoutes(state), ...teamsRoutes(state), ...bitlockerRoutes(bitlocker)],
    state,
    tokens,
    faults,
    log: requests,
    latencyMs: opts.graphLatencyMs ?? 0,
    permissions: () => permissions,
    baseUrl: () => graphEndpoint,
  });
  graphEndpoint = `http://${host}:${await listen(graphServer, host, opts.graphPort ?? 0)}`;

  const authorityServer = createAuthorityServer({
    ...opts,
    graphEndpoint,
    tokens,
    delegatedPermissions: () => delegated,
    jwks: () => signingKey.jwks(),
    log: authorityRequests,
    baseUrl: () => authorityHost,
  });
  authorityHost = `https://${host}:${await listenOrClose(authorityServer, host, opts.authorityPort ?? 0, [graphServer])}`;

  const tokenService = new DemoTokenService({
    connectionName: DEMO_OAUTH_CONNECTION,
    ssoAppId: opts.ssoAppId ?? opts.clientId,
    tenantId: opts.tenantId,
    issuer: () => `${authorityHost}/${opts.tenantId}/v2.0`,
    signingKey,
    tokens,
    users: (id) => state.user(id),
    everyone: () => state.allUsers(),
    baseUrl: () => tokenServiceUrl,
  });
  const tokenServer = tokenService.createServer();
  tokenServiceUrl = `http://${host}:${await listenOrClose(tokenServer, host, opts.tokenServicePort ?? 0, [graphServer, authorityServer])}`;

  return {
    graphEndpoint,
    authorityHost,
    tokenServiceUrl,
    tenantId: opts.tenantId,
    clientId: opts.clientId,
    requests,
    authorityRequests,
    data: state,
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    resetLog: () => {
      requests.length = 0;
      authorityRequests.length = 0;
    },
    setPermissions: (list) => {
      permissions = new Set(list);
    },
    revokeTokens: () => tokens.revokeAll(),
    bitlocker,
    signInUser: (userId, options = {}) =>
      tokens.issueFor(
        { kind: 'sso', clientId: opts.clientId, userId, audience: options.audience ?? opts.clientId, authTime: Date.now() },
        Date.now(),
        options.lifetimeSeconds,
      ),
    setDelegatedPermissions: (list) => {
      delegated = list;
    },
    stop: async () => {
      await Promise.all([close(graphServer), close(authorityServer), close(tokenServer)]);
    },
  };
}

/** If a later server cannot listen, the ones started before must not be left running. */
async function listenOrClose(server: Server, host: string, port: number, started: Server[]): Promise<number> {
  try {
    return await listen(server, host, port);
  } catch (error: unknown) {
    await Promise.all(started.map((s) => close(s)));
    throw error;
  }
}
