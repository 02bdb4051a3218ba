// Proactive delivery: every message the bot sends outside a turn goes through the outbox.
export type * from './ports';
export { Outbox, type OutboxOutcome } from './outbox';
export { OutboxWorker, type OutboxWorkerDeps, type OutboxWorkerOptions } from './worker';
export { DeliveryFailure, deliveryFailureFrom, parseRetryAfter, asDeliveryFailure, type DeliveryFailureReason, type DeliveryFacts } from './delivery-failure';
export { RateLimiter, TEAMS_RATE_LIMITS, type RateLimits, type WindowRule } from './rate-limiter';
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './backoff';
export { laneOf } from './lanes';
export { systemTimer, type Timer } from './timer';
