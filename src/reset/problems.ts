import type { RequestState } from './request';

/**
 * Expected ways a user's step can fail. Each is worded for people in exactly one place
 * (src/cards, through src/i18n); nothing here carries a secret or raw Graph text.
 */
export type Problem =
  | { kind: 'tenantNotAllowed' }
  | { kind: 'missingIdentity' }
  | { kind: 'personalChatOnly' }
  | { kind: 'requestNotFound' }
  | { kind: 'notYourRequest' }
  | { kind: 'requestClosed'; state: RequestState }
  | { kind: 'deviceNotFound' }
  | { kind: 'deviceHasOpenRequest' }
  | { kind: 'graphPermissionMissing'; permission: string }
  | { kind: 'graphUnavailable' }
  | { kind: 'invalidAction' }
  /** MAX_REQUESTS_PER_USER_PER_DAY reached: the user may ask again at `retryAt` (ISO). */
  | { kind: 'tooManyRequests'; limit: number; retryAt: string }
  /** MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE reached: nothing was looked up; try again in a minute. */
  | { kind: 'slowDown'; limit: number };

export type ProblemKind = Problem['kind'];
