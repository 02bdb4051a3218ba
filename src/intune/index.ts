// The platform matrix as pure functions: managedDevice in, offer / guidance / refusal out.
export type {
  ActionResult,
  ActionState,
  Eligibility,
  GuideTopic,
  ManagedDevice,
  OfferedAction,
  PlatformKind,
  RefuseReason,
} from './device';
export { classifyPlatform, isAppleUserEnrollment } from './platform';
export { decideEligibility } from './eligibility';
export { daysSinceCheckIn, isStale, STALE_AFTER_DAYS } from './staleness';
