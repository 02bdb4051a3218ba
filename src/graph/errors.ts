// The one error type that leaves src/graph. Callers switch on `reason`, never on `message`.

export type GraphFailureReason =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  | 'badResponse';

/** Application permissions the Graph calls of this bot rely on (what an admin must consent to). */
export type GraphPermission =
  | 'DeviceManagementManagedDevices.Read.All'
  | 'DeviceManagementManagedDevices.PrivilegedOperations.All'
  | 'User.Read.All'
  | 'GroupMember.Read.All'
  | 'TeamsAppInstallation.ReadWriteSelfForUser.All'
  /** Only to find the catalog id by the manifest id when TEAMS_APP_CATALOG_ID is not set. */
  | 'AppCatalog.Read.All';

export interface GraphFailureDetails {
  /** `token`: getting the access token failed, so nothing reached Graph. Default `graph`. */
  phase?: 'token' | 'graph';
  status?: number;
  /** Graph's `error.code` when the answer carried one (e.g. "Forbidden", "ResourceNotFound"). */
  graphCode?: string;
  /** On 403: the permission the call needs, which the app most likely lacks. */
  missingPermission?: GraphPermission;
  /** On 429 that was not retried any more: how long Graph asked us to wait. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class GraphFailure extends Error {
  override readonly name = 'GraphFailure';
  readonly reason: GraphFailureReason;
  readonly phase: 'token' | 'graph';
  readonly status?: number;
  readonly graphCode?: string;
  readonly missingPermission?: GraphPermission;
  readonly retryAfterMs?: number;

  constructor(reason: GraphFailureReason, message: string, details: GraphFailureDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.phase = details.phase ?? 'graph';
    this.status = details.status;
    this.graphCode = details.graphCode;
    this.missingPermission = details.missingPermission;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isGraphFailure(error: unknown): error is GraphFailure {
  return error instanceof GraphFailure;
}

/** Maps an HTTP status Graph answered with to the reason callers act on. */
export function reasonForStatus(status: number): GraphFailureReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status === 503 || status === 502 || status === 500) return 'unavailable';
  if (status === 504) return 'timeout';
  return 'badResponse';
}
