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
  | 'schemaTooNew';

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
