// The daily limits (reset requests, recovery-key attempts) count over a rolling 24 hours.

export const DAY_MS = 24 * 3600_000;

/**
 * When one more fits under a limit of `max` per rolling 24 hours, given when the earlier ones
 * happened (epoch ms, any order): the moment the oldest that still counts stops counting.
 */
export function retryAtAfter(instantsMs: readonly number[], max: number, nowMs: number): string {
  const counted = instantsMs.filter((at) => at >= nowMs - DAY_MS).sort((a, b) => a - b);
  const oldest = counted[counted.length - max] ?? nowMs;
  return new Date(oldest + DAY_MS).toISOString();
}
