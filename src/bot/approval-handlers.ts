import type { AdaptiveCard } from '../cards';
import { approvalCard, approvalChannelSetCard, approvalProblemCard, historyCard, pendingCard, problemCard } from '../cards';
import type { Intent, Locale } from '../i18n';
import type { Logger } from '../log';
import type { Outbox } from '../notify';
import type { ResetApp } from '../reset';
import type { ApprovalChannels } from '../reset/approval-channel';
import type { Decider, DecisionResult } from '../reset/approval';
import { sameId } from '../reset/identity';
import type { PeopleDirectory, RequestStore } from '../reset/ports';
import { asIntuneFailure } from '../reset/ports';
import { FINAL_STATES, OPEN_STATES, type ResetRequest } from '../reset/request';
import type { CardAction, IncomingActivity } from './activity';

export interface ApprovalHandlerDeps {
  app: ResetApp;
  channels: ApprovalChannels;
  people: PeopleDirectory;
  store: RequestStore;
  outbox: Pick<Outbox, 'delivered'>;
  log: Logger;
}

type ApprovalAction = Extract<CardAction, { verb: 'approveRequest' | 'rejectRequest' | 'refreshApproval' }>;
type ChannelIntent = Extract<Intent, { kind: 'useChannelForApprovals' | 'pending' | 'history' }>;

const MAX_HISTORY_REQUESTS = 10;

/** Helpdesk and manager side in Teams: approval clicks, and the channel commands. */
export class ApprovalHandlers {
  constructor(private readonly deps: ApprovalHandlerDeps) {}

  async onCardAction(locale: Locale, decider: Decider, action: ApprovalAction): Promise<AdaptiveCard> {
    if (action.verb === 'refreshApproval') return this.viewFor(locale, decider, action.requestId);
    const decision = action.verb === 'approveRequest' ? 'approve' : 'reject';
    const note = action.verb === 'rejectRequest' ? action.reason : undefined;
    return this.resultCard(locale, await this.deps.app.approvals.decide(decider, action.requestId, decision, note));
  }

  async onChannelCommand(locale: Locale, member: Decider, activity: IncomingActivity, intent: ChannelIntent): Promise<AdaptiveCard> {
    if (intent.kind === 'useChannelForApprovals') return this.chooseChannel(locale, member, activity);
    if (!(await this.deps.channels.isHelpdeskMember(member.aadObjectId))) return approvalProblemCard(locale, 'notApprover');
    return intent.kind === 'pending' ? this.pending(locale, member.tenantId) : this.history(locale, member.tenantId, intent.who);
  }

  private async viewFor(locale: Locale, viewer: Decider, requestId: string): Promise<AdaptiveCard> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !sameId(request.tenantId, viewer.tenantId)) return problemCard(locale, { kind: 'requestNotFound' });
    const canDecide = await this.deps.app.approvals.canDecide(viewer.aadObjectId, request).catch((error: unknown) => {
      if (!asIntuneFailure(error)) throw error;
      return false;
    });
    return approvalCard(locale, request, canDecide ? 'approver' : 'readOnly', {});
  }

  private resultCard(locale: Locale, result: DecisionResult): AdaptiveCard {
    if (result.kind === 'decided') return approvalCard(locale, result.request, 'readOnly', {});
    switch (result.reason) {
      case 'notFound':
        return problemCard(locale, { kind: 'requestNotFound' });
      case 'directoryUnavailable':
        return problemCard(locale, { kind: 'graphUnavailable' });
      case 'notApprover':
      case 'ownRequest':
      case 'alreadyDecided':
      case 'expired':
        return approvalProblemCard(locale, result.reason, result.request);
      default: {
        const unknownReason: never = result.reason;
        throw new Error(`unhandled refusal ${String(unknownReason)}`);
      }
    }
  }

  private async chooseChannel(locale: Locale, member: Decider, activity: IncomingActivity): Promise<AdaptiveCard> {
    const channelId = activity.channelData?.channel?.id;
    if (!channelId || !activity.serviceUrl) return approvalChannelSetCard(locale, 'notChannel');
    const outcome = await this.deps.channels.choose(member.aadObjectId, { channelId, tenantId: member.tenantId, serviceUrl: activity.serviceUrl });
    this.deps.log.info('approval channel chosen', { outcome, channelId, by: member.aadObjectId });
    return approvalChannelSetCard(locale, outcome);
  }

  private async pending(locale: Locale, tenantId: string): Promise<AdaptiveCard> {
    const waiting = (await this.deps.store.requestsInStates(['awaiting_approval'])).filter((r) => sameId(r.tenantId, tenantId));
    const items = await Promise.all(waiting.map(async (request) => ({ request, threadUrl: await this.threadUrl(request) })));
    return pendingCard(locale, items);
  }

  private async history(locale: Locale, tenantId: string, query: string): Promise<AdaptiveCard> {
    const people = await this.deps.people.findPeople(query);
    const states = [...OPEN_STATES, ...FINAL_STATES];
    const requests: ResetRequest[] = [];
    for (const person of people.slice(0, 3)) requests.push(...(await this.deps.store.requestsOf(person.id, states)));
    const mine = requests.filter((r) => sameId(r.tenantId, tenantId)).slice(0, MAX_HISTORY_REQUESTS);
    const items = await Promise.all(mine.map(async (request) => ({ request, audit: await this.deps.store.auditOf(request.id) })));
    return historyCard(locale, query, people, items);
  }

  /** A deep link to the approval thread, once its card was delivered. */
  private async threadUrl(request: ResetRequest): Promise<string | null> {
    const delivered = await this.deps.outbox.delivered(`request:${request.id}:channel-card`);
    if (!delivered) return null;
    const channelId = delivered.conversationId.split(';')[0] ?? delivered.conversationId;
    const query = new URLSearchParams({ tenantId: request.tenantId, parentMessageId: delivered.activityId });
    return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(delivered.activityId)}?${query.toString()}`;
  }
}
