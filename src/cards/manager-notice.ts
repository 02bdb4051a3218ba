// Proactive personal messages to the requester's manager. They inform; the one that asks the
// manager to decide (MANAGER_APPROVAL) is the approval card itself.
import type { ResetRequest } from '../reset/request';
import { formatDateTime, t, type Locale, type PlainKey } from '../i18n';
import { approvalCard } from './approval';
import { personName, reasonText } from './approval-wording';
import { deviceFacts, isPersonallyOwned, personalDeviceFacts, viewOfSnapshot, type Fact } from './device-facts';
import { failureForOthers } from './failure-wording';
import { noticeCard } from './notice';
import { offerWording } from './offer-wording';
import type { AdaptiveCard } from './template';

export type ManagerEvent = 'requested' | 'approvalNeeded' | 'succeeded' | 'failed' | 'rejected' | 'expired' | 'cancelled';

export function managerNoticeCard(locale: Locale, request: ResetRequest, event: ManagerEvent): AdaptiveCard {
  if (event === 'approvalNeeded') return approvalCard(locale, request, 'approver', {});
  const device = viewOfSnapshot(locale, request.device);
  const personal = isPersonallyOwned(request.device);
  const names = {
    requester: personName(request.requesterName) || t(locale, 'common.unknown'),
    device: personal ? t(locale, 'managerNotice.personalDevice', { kind: device.platform }) : device.name,
  };
  const facts: Fact[] = [
    ...(personal ? personalDeviceFacts(locale, device) : deviceFacts(locale, device)),
    { title: t(locale, 'approval.fact.action'), value: t(locale, offerWording(request.action, request.device.platform).confirm) },
    { title: t(locale, 'common.fact.requested'), value: formatDateTime(locale, request.createdAt) },
  ];
  const says = (title: PlainKey, paragraphs: string[], notes: string[] = []): AdaptiveCard =>
    noticeCard({
      // No names: the fallback shows in notifications, where the manager's chat may be on a shared screen.
      fallbackText: t(locale, 'managerNotice.fallback'),
      title: t(locale, title),
      paragraphs,
      facts,
      notes,
    });
  switch (event) {
    case 'requested':
      return says(
        'managerNotice.title.requested',
        [t(locale, 'managerNotice.requested', names), t(locale, whatNext(request))],
        [t(locale, 'managerNotice.notGenuine'), t(locale, 'managerNotice.whyYou'), ...nothingToDo(locale, request)],
      );
    case 'succeeded':
      return says('managerNotice.title.succeeded', [t(locale, 'managerNotice.succeeded', names)]);
    case 'failed':
      return says('managerNotice.title.failed', [
        t(locale, 'managerNotice.failed', { ...names, why: t(locale, failureForOthers(request)) }),
      ]);
    case 'rejected': {
      const decider = personName(request.decidedByName) || t(locale, 'approval.someone');
      const reason = reasonText(request.decisionNote);
      const paragraphs = [t(locale, 'managerNotice.rejected', { ...names, decider })];
      if (reason) paragraphs.push(t(locale, 'approval.status.reason', { reason }));
      return says('managerNotice.title.rejected', paragraphs);
    }
    case 'expired':
      return says('managerNotice.title.expired', [t(locale, 'managerNotice.expired', names)]);
    case 'cancelled':
      return says('managerNotice.title.cancelled', [t(locale, 'managerNotice.cancelled', names)]);
    default: {
      const _never: never = event;
      return _never;
    }
  }
}

/** A manager who must approve has something to do: never tell them otherwise. */
function nothingToDo(locale: Locale, request: ResetRequest): string[] {
  return request.approver === 'manager' ? [] : [t(locale, 'managerNotice.noActionNeeded')];
}

function whatNext(request: ResetRequest): PlainKey {
  switch (request.approver) {
    case 'helpdesk':
      return 'managerNotice.requested.helpdesk';
    case 'manager':
      return 'managerNotice.requested.manager';
    case null:
      return 'managerNotice.requested.selfService';
    default: {
      const _never: never = request.approver;
      return _never;
    }
  }
}
