// Public shapes of the demo tenant: what a test or the demo launcher sees.

/** A managedDevice as the demo tenant stores it: Graph's fields plus how the demo behaves for it. */
export interface DemoDevice {
  id: string;
  deviceName: string;
  model: string;
  manufacturer: string;
  operatingSystem: string;
  osVersion: string;
  userId: string | null;
  userPrincipalName: string;
  userDisplayName: string;
  emailAddress: string;
  managedDeviceOwnerType: 'company' | 'personal' | 'unknown';
  deviceEnrollmentType: string;
  managementState: string;
  managementAgent: string;
  /** Beta only: the demo tenant serves it on /beta and refuses it on v1.0, as Graph does. */
  deviceType: string;
  complianceState: string;
  lastSyncDateTime: string;
  enrolledDateTime: string;
  serialNumber: string;
  azureADDeviceId: string;
  demo?: DemoDeviceBehaviour;
}

export interface DemoDeviceBehaviour {
  /** How a resetPasscode ends once the device "checks in" (default: done). */
  resetOutcome?: 'done' | 'failed' | 'notSupported' | 'staysPending';
  /** Users whose /managedDevices also list this device although it belongs to its primary user. */
  alsoListedFor?: string[];
}

export interface DemoUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string;
  department: string;
  preferredLanguage: string;
  usageLocation: string;
  /** Demo-only: the user's manager (Graph: GET /users/{id}/manager). */
  managerId?: string;
  /** Demo-only: groups the user is a (transitive) member of. */
  groupIds?: string[];
}

/** A teamsApp of `/appCatalogs/teamsApps`: `id` is the catalog id, `externalId` the manifest id. */
export interface DemoTeamsApp {
  id: string;
  externalId: string;
  displayName: string;
  distributionMethod: 'organization' | 'store' | 'sideloaded';
}

export interface DemoActionResult {
  '@odata.type': string;
  actionName: string;
  actionState: 'none' | 'pending' | 'canceled' | 'active' | 'done' | 'failed' | 'notSupported';
  startDateTime: string;
  lastUpdatedDateTime: string;
  passcode?: string | null;
}

export interface RecordedRequest {
  method: string;
  /** As sent (still URL-encoded), without the version prefix and the query: "/deviceManagement/managedDevices/{id}/resetPasscode". */
  path: string;
  version: string;
  /** Decoded query parameters ("$select" → "id,deviceName,…"). */
  query: Record<string, string>;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  /** The status the demo tenant answered with (undefined while in flight or when the socket was dropped). */
  status?: number;
  /** The Prefer header, when one was sent. */
  prefer?: string;
  /** Whether a bearer token came with it (the token itself is never recorded). */
  hadToken: boolean;
  /** The `ocp-client-name` / `ocp-client-version` headers (the BitLocker key API documents them). */
  ocpClientName?: string;
  ocpClientVersion?: string;
}

export interface FaultSpec {
  /** HTTP method the fault applies to ("GET", "POST", …) or "*" for any. */
  method: string;
  /** The versionless path: a string must equal it, a RegExp must match it. */
  path: RegExp | string;
  /** The status to answer with; omit to only delay (delayMs) and then answer normally. */
  status?: number;
  /** How many matching requests this fault answers (default 1). */
  times?: number;
  retryAfterSeconds?: number;
  /** Response body; default a Graph-shaped error for `status`. */
  body?: unknown;
  /** Wait this long before answering (to make a client time out). */
  delayMs?: number;
  /** Destroy the connection instead of answering (a socket error for the client). */
  dropConnection?: boolean;
  /** Carry the request out first, then answer with the fault: "503, but Intune did queue it". */
  applyRequest?: boolean;
}

export interface DemoTenantOptions {
  certPath: string;
  keyPath: string;
  clientId: string;
  clientSecret: string;
  /** Certificate (PEM) the app may sign its client assertion with instead of the secret; default certPath. */
  clientCertificatePath?: string;
  tenantId: string;
  /** Added to every Graph answer. */
  graphLatencyMs?: number;
  /** How long after resetPasscode the device "checks in" and the action ends (default 1500 ms). */
  actionCompletesAfterMs?: number;
  host?: '127.0.0.1';
  graphPort?: number;
  authorityPort?: number;
  /** Page size of device collections when the client sends no $top (Graph's default is 100 here). */
  pageSize?: number;
  /** Application permissions the app registration holds (default: everything the bot needs). */
  permissions?: readonly string[];
  /** Delegated Graph permissions consented for the app (default: the two BitLocker key permissions). */
  delegatedPermissions?: readonly string[];
  tokenServicePort?: number;
  /** The app the token service's user tokens are for (their `aud`); default clientId, the bot's app in the demo. */
  ssoAppId?: string;
}
