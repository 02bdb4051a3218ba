// Audit entries in words. Events are plain strings in the store, so known ones get a label and
// anything newer is shown as written (escaped) rather than hidden.
import type { ResetRequest } from '../reset/request';
import { sameId } from '../reset/identity';
import { t, type Locale, type PlainKey } from '../i18n';
import { personName } from './approval-wording';
import { markdownText } from './safe-text';

const EVENTS = {
  offered: 'history.event.offered',
  confirmed: 'history.event.confirmed',
  cancelled: 'history.event.cancelled',
  approved: 'history.event.approved',
  rejected: 'history.event.rejected',
  expired: 'history.event.expired',
  actionSent: 'history.event.actionSent',
  actionUncertain: 'history.event.actionUncertain',
  succeeded: 'history.event.succeeded',
  failed: 'history.event.failed',
  passcodeHidden: 'history.event.passcodeHidden',
  passcodeShownAgain: 'history.event.passcodeShownAgain',
  managerNotified: 'history.event.managerNotified',
  managerNotNotified: 'history.event.managerNotNotified',
  managerNotFound: 'history.event.managerNotFound',
  managerLookupFailed: 'history.event.managerLookupFailed',
  recoveryKeyRequested: 'recoveryKeyApproval.history.requested',
  recoveryKeyShown: 'recoveryKeyApproval.history.shown',
} as const satisfies Record<string, PlainKey>;

export function auditEvent(locale: Locale, event: string): string {
  const key = Object.hasOwn(EVENTS, event) ? EVENTS[event as keyof typeof EVENTS] : undefined;
  return key ? t(locale, key) : markdownText(event, 60) || t(locale, 'common.unknown');
}

/**
 * Who did it, by the names the request keeps: requester, decider, manager, or the bot itself
 * ("system"). An id the request does not name is "another user", never "system": an audit
 * must not pass a person's act off as the bot's.
 */
export function auditActor(locale: Locale, request: ResetRequest, actor: string): string {
  const named = (name: string | null, key: 'history.actor.requester' | 'history.actor.decider' | 'history.actor.manager'): string =>
    t(locale, key, { name: personName(name) || t(locale, 'common.unknown') });
  if (actor === 'system') return t(locale, 'history.actor.system');
  if (sameId(actor, request.requesterId)) return named(request.requesterName, 'history.actor.requester');
  if (sameId(actor, request.decidedBy)) return named(request.decidedByName, 'history.actor.decider');
  if (sameId(actor, request.managerId)) return named(request.managerName, 'history.actor.manager');
  return t(locale, 'history.actor.other');
}
