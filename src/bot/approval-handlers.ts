import type { AdaptiveCard } from '../cards';
import {
  approvalCard,
  approvalChannelSetCard,
  approvalProblemCard,
  helpdeskCommandElsewhereCard,
  historyCard,
  notForYouCard,
  pendingCard,
  problemCard,
} from '../cards';
import type { Intent, Locale } from '../i18n';
import type { Logger } from '../log';
import type { Outbox } from '../notify';
import type { ResetApp } from '../reset';
import type { ApprovalChannels } from '../reset/approval-channel';
import type { Decider, DecisionResult, RequestView } from '../reset/approval';
import { sameId } from '../reset/identity';
import type { PeopleDirectory, RequestStore } from '../reset/ports';
import { asIntuneFailure } from '../reset/ports';
import { FINAL_STATES, OPEN_STATES, type ResetRequest } from '../reset/request';
import { scopeOf, type CardAction, type IncomingActivity } from './activity';

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
    return this.resultCard(locale, decider, await this.deps.app.approvals.decide(decider, action.requestId, decision, note));
  }

  /**
   * `pending` and `history` name people and devices: answered only in the approval channel or a
   * personal chat (never a group chat or another channel, whoever asks), and only to a helpdesk member.
   */
  async onChannelCommand(locale: Locale, member: Decider, activity: IncomingActivity, intent: ChannelIntent): Promise<AdaptiveCard> {
    if (intent.kind === 'useChannelForApprovals') return this.chooseChannel(locale, member, activity);
    if (!(await this.isApprovalPlace(activity, member.tenantId))) return helpdeskCommandElsewhereCard(locale);
    if (!(await this.deps.channels.isHelpdeskMember(member.aadObjectId))) return approvalProblemCard(locale, 'notApprover');
    return intent.kind === 'pending' ? this.pending(locale, member.tenantId) : this.history(locale, member.tenantId, intent.who);
  }

  private async isApprovalPlace(activity: IncomingActivity, tenantId: string): Promise<boolean> {
    const scope = scopeOf(activity);
    if (scope === 'personal') return true;
    if (scope !== 'channel') return false;
    const approvalChannel = await this.deps.channels.current(tenantId);
    if (!approvalChannel) return false;
    // Teams names the channel in channelData; the conversation id of a thread is `<channel>;messageid=…`.
    const here = [activity.channelData?.channel?.id, activity.conversation.id.split(';')[0]];
    return here.some((id) => id !== undefined && id === approvalChannel.channelId);
  }

  private async viewFor(locale: Locale, viewer: Decider, requestId: string): Promise<AdaptiveCard> {
    const request = await this.deps.store.getRequest(requestId);
    if (!request || !sameId(request.tenantId, viewer.tenantId)) return problemCard(locale, { kind: 'requestNotFound' });
    const view = await this.viewOf(viewer, request);
    switch (view) {
      case 'approver':
      case 'readOnly':
        return approvalCard(locale, request, view, {});
      case 'notForYou':
        return notForYouCard(locale);
      case 'directoryUnavailable':
        return problemCard(locale, { kind: 'graphUnavailable' });
      default: {
        const unknownView: never = view;
        throw new Error(`unhandled view ${String(unknownView)}`);
      }
    }
  }

  private async viewOf(viewer: Decider, request: ResetRequest): Promise<RequestView> {
    return this.deps.app.approvals.viewOf(viewer.aadObjectId, request).catch((error: unknown) => {
      if (!asIntuneFailure(error)) throw error;
      return 'directoryUnavailable' as const;
    });
  }

  private async resultCard(locale: Locale, decider: Decider, result: DecisionResult): Promise<AdaptiveCard> {
    if (result.kind === 'decided') return approvalCard(locale, result.request, 'readOnly', {});
    switch (result.reason) {
      case 'notFound':
        return problemCard(locale, { kind: 'requestNotFound' });
      case 'directoryUnavailable':
        return problemCard(locale, { kind: 'graphUnavailable' });
      case 'notApprover':
        return approvalProblemCard(locale, 'notApprover');
      case 'ownRequest':
        return approvalProblemCard(locale, result.reason, result.request);
      case 'alreadyDecided':
      case 'expired': {
        // These are answered before authority is checked: show the request only to whoever may see it.
        const view = result.request ? await this.viewOf(decider, result.request) : 'notForYou';
        const visible = view === 'approver' || view === 'readOnly';
        return visible ? approvalProblemCard(locale, result.reason, result.request) : approvalProblemCard(locale, 'notApprover');
      }
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
