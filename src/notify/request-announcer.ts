import { approvalCard, managerNoticeCard, type AdaptiveCard } from '../cards';
import { pickLocale, type Locale } from '../i18n';
import type { ApprovalChannels } from '../reset/approval-channel';
import type { RequestAnnouncer, RequestStore } from '../reset/ports';
import type { ResetRequest } from '../reset/request';
import { enqueueNewest } from './newest-version';
import type { Outbox } from './outbox';
import type { OutboxOperation, OutboxPayload } from './ports';

export interface AnnouncerDeps {
  outbox: Pick<Outbox, 'enqueue' | 'outcome'>;
  channels: Pick<ApprovalChannels, 'current'>;
  /** Re-read before and after a card update is enqueued, so the card ends on the newest version. */
  requests: Pick<RequestStore, 'getRequest'>;
  /** Language of cards in the shared helpdesk channel. */
  channelLocale: Locale;
  notifyManager: boolean;
}

type ManagerEvent = 'requested' | 'succeeded' | 'failed' | 'rejected' | 'expired' | 'cancelled';

/** Event keys: one per card and per notice, so a retried announcement is stored and sent once. */
const keys = {
  channelCard: (id: string) => `request:${id}:channel-card`,
  managerApproval: (id: string) => `request:${id}:manager-approval-card`,
  managerNotice: (id: string, event: ManagerEvent) => `request:${id}:manager:${event}`,
  update: (cardKey: string, version: number, suffix: string) => `${cardKey}:v${version}${suffix}`,
};

/**
 * Everything people other than the requester see of a request, through the persistent outbox:
 * the approval card (helpdesk channel thread, and the manager's chat when the manager decides),
 * its updates for every state, and the manager's notices. Payloads never carry a passcode.
 */
export class OutboxRequestAnnouncer implements RequestAnnouncer {
  constructor(private readonly deps: AnnouncerDeps) {}

  async requestConfirmed(request: ResetRequest): Promise<void> {
    if (request.approver === null) {
      await this.noticeManager(request, 'requested');
      return;
    }
    const channel = await this.deps.channels.current(request.tenantId);
    if (channel) {
      await this.enqueue(keys.channelCard(request.id), { kind: 'newThread', channelId: channel.channelId }, this.channelCard(request));
    }
    if (request.approver === 'manager' && request.managerId) {
      const card = approvalCard(this.localeOf(request), request, 'approver', {});
      await this.enqueue(keys.managerApproval(request.id), this.toManager(request), card);
    } else {
      await this.noticeManager(request, 'requested');
    }
  }

  async requestChanged(request: ResetRequest): Promise<void> {
    await this.updateCard(keys.channelCard(request.id), request, (r) => this.channelCard(r));
    await this.updateCard(keys.managerApproval(request.id), request, (r) => approvalCard(this.localeOf(r), r, 'readOnly', {}));
    const event = managerEventOf(request);
    if (event) await this.noticeManager(request, event);
  }

  /** The approver view: its buttons are checked on the server at every click, so showing them to all is safe. */
  private channelCard(request: ResetRequest): AdaptiveCard {
    const view = request.approver === 'helpdesk' ? 'approver' : 'readOnly';
    return approvalCard(this.deps.channelLocale, request, view, {});
  }

  private async updateCard(cardKey: string, request: ResetRequest, render: (request: ResetRequest) => AdaptiveCard): Promise<void> {
    if (!(await this.deps.outbox.outcome(cardKey))) return; // that card was never posted
    await enqueueNewest(this.deps.requests, request, {
      enqueue: (version, suffix) => this.enqueue(keys.update(cardKey, version.version, suffix), { kind: 'update', activityOf: cardKey }, render(version)),
      enqueued: async (version) => (await this.deps.outbox.outcome(keys.update(cardKey, version, ''))) !== undefined,
    });
  }

  private async noticeManager(request: ResetRequest, event: ManagerEvent): Promise<void> {
    if (!this.deps.notifyManager || !request.managerId) return;
    if (event !== 'requested' && !(await this.deps.outbox.outcome(keys.managerNotice(request.id, 'requested')))) return;
    const card = managerNoticeCard(this.localeOf(request), request, event);
    await this.enqueue(keys.managerNotice(request.id, event), this.toManager(request), card);
  }

  private toManager(request: ResetRequest): OutboxOperation {
    return { kind: 'send', target: { kind: 'user', aadObjectId: request.managerId ?? '', tenantId: request.tenantId } };
  }

  private localeOf(request: ResetRequest): Locale {
    return pickLocale(request.locale);
  }

  private async enqueue(eventKey: string, operation: OutboxOperation, card: AdaptiveCard): Promise<'enqueued' | 'duplicate'> {
    return this.deps.outbox.enqueue({ eventKey, operation, payload: cardPayload(card) });
  }
}

/** Which notice the manager gets for this state, if any. */
function managerEventOf(request: ResetRequest): ManagerEvent | undefined {
  switch (request.state) {
    case 'succeeded':
    case 'failed':
    case 'rejected':
    case 'expired':
    case 'cancelled':
      return request.state;
    case 'awaiting_confirmation':
    case 'awaiting_approval':
    case 'approved':
    case 'executing':
      return undefined;
    default: {
      const unknownState: never = request.state;
      throw new Error(`no manager event for ${String(unknownState)}`);
    }
  }
}

/** A message activity carrying one Adaptive Card, as plain JSON for the outbox. */
export function cardPayload(card: AdaptiveCard): OutboxPayload {
  const summary = typeof card['fallbackText'] === 'string' ? card['fallbackText'] : undefined;
  return { type: 'message', summary, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}
