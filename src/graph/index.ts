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
export { parseGraph } from './schemas';
export { DEFAULT_RETRY, type RetryOptions } from './retry';
