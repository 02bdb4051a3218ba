/**
 * Why a store could not be opened. Thrown at start-up (a configuration or deployment problem,
 * not a user's problem); the composition root reports `reason` and stops.
 */
export type StoreConfigReason =
  /** `STORE` names a scheme no implementation handles. */
  | 'unknownScheme'
  /** `sqlite:` without a path. */
  | 'missingPath'
  /** The folder could not be created or the file could not be opened as a database. */
  | 'cannotOpen'
  /** The file was migrated by a newer build; an older build must not write to it. */
  | 'schemaTooNew'
  /** `azure-table` without a connection string, or an account URL without a credential. */
  | 'missingAzureSettings'
  /** Both a connection string and an account URL: which account is meant would be a guess. */
  | 'conflictingAzureSettings'
  /** A malformed connection string or account URL, plain http to a non-loopback host, or a bad table prefix. */
  | 'invalidAzureSettings';

export class StoreConfigError extends Error {
  override readonly name = 'StoreConfigError';

  constructor(
    readonly reason: StoreConfigReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A write the store refused because the caller broke the contract (not a compare-and-set loss,
 * which is a value): a request id stored twice, an audit entry for a request that was never
 * stored, an outbox id reused, or a write that kept losing races it should have won.
 */
export type StoreWriteReason = 'duplicateId' | 'unknownRequest' | 'tooManyConflicts';

export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';

  constructor(
    readonly reason: StoreWriteReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
