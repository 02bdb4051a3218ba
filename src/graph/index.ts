export { createGraphCredential, isKnownMicrosoftAuthority, type GraphCredentialOptions } from './credential';
export {
  createGraphClient,
  GraphApi,
  GRAPH_VERSION,
  type GraphAnswer,
  type GraphCall,
  type GraphClientOptions,
  type GraphMethod,
} from './client';
export {
  GraphFailure,
  isGraphFailure,
  type GraphFailureDetails,
  type GraphFailureReason,
  type GraphPermission,
} from './errors';
export { GraphIntune, type GraphIntuneOptions } from './intune';
export { GraphPeople } from './people';
export { cachedPeople, DEFAULT_PEOPLE_TTL_MS, type CachedPeopleOptions } from './cached-people';
export { GraphAppInstaller, type GraphAppInstallerOptions } from './app-installer';
export { MAX_NAME_MATCHES, MAX_QUERY_LENGTH } from './people-query';
export { parseGraph } from './schemas';
export { DEFAULT_RETRY, type RetryOptions } from './retry';
