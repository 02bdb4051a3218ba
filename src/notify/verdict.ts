import { retryDelayMs, type RetryPolicy } from './backoff';
import { asDeliveryFailure } from './delivery-failure';
import type { OutboxFailureReason, OutboxMessage } from './ports';

/** What to do with a message after a try that did not deliver it. Decided here, done by the worker. */
export type Verdict =
  | { kind: 'retry'; delayMs: number; lastError: string }
  | { kind: 'fail'; reason: OutboxFailureReason; lastError: string }
  /** Ask the AppInstaller for this user once, then try again. */
  | { kind: 'install'; aadObjectId: string; lastError: string };

export interface VerdictContext {
  policy: RetryPolicy;
  random: () => number;
  /** Whether an AppInstaller is configured. */
  canInstall: boolean;
}

/** Decides from the error a TeamsDelivery call threw; anything not a DeliveryFailure is a retryable bug. */
export function verdictOnError(message: OutboxMessage, error: unknown, context: VerdictContext): Verdict {
  const failure = asDeliveryFailure(error);
  if (failure === undefined) {
    // Only the error's class name: the message of an unknown error may quote a payload or a URL.
    const name = error instanceof Error ? error.name : typeof error;
    return retryOrGiveUp(message, undefined, `unexpected ${name}`, 'attemptsExhausted', context);
  }
  const lastError = failure.message;
  switch (failure.reason) {
    case 'throttled':
    case 'retryable':
      return retryOrGiveUp(message, failure.retryAfterMs, lastError, 'attemptsExhausted', context);
    case 'botNotInstalled':
      return verdictOnMissingApp(message, lastError, context);
    case 'notFound':
    case 'forbidden':
    case 'permanent':
      return { kind: 'fail', reason: failure.reason, lastError };
  }
}

/**
 * 403 BotNotInConversationRoster. Only a personal chat can be fixed by installing the app for
 * its user, and only once; after that, Teams may need a while to see the installation, so the
 * same answer is retried with backoff until the attempt limit.
 */
function verdictOnMissingApp(message: OutboxMessage, lastError: string, context: VerdictContext): Verdict {
  const { operation } = message;
  if (operation.kind !== 'send' || operation.target.kind !== 'user' || !context.canInstall) {
    return { kind: 'fail', reason: 'botNotInstalled', lastError };
  }
  if (!message.appInstallAttempted) return { kind: 'install', aadObjectId: operation.target.aadObjectId, lastError };
  return retryOrGiveUp(message, undefined, lastError, 'botNotInstalled', context);
}

/** The update's original is not delivered yet (or not enqueued yet): a try, retried like any other. */
export function verdictOnMissingOriginal(message: OutboxMessage, context: VerdictContext): Verdict {
  return retryOrGiveUp(message, undefined, 'original message not delivered yet', 'originalNotDelivered', context);
}

function retryOrGiveUp(
  message: OutboxMessage,
  retryAfterMs: number | undefined,
  lastError: string,
  reasonWhenExhausted: OutboxFailureReason,
  { policy, random }: VerdictContext,
): Verdict {
  const tries = message.attempts + 1;
  if (tries >= policy.maxAttempts) return { kind: 'fail', reason: reasonWhenExhausted, lastError };
  return { kind: 'retry', delayMs: retryDelayMs(tries, retryAfterMs, policy, random), lastError };
}
