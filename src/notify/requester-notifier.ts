import { requestCard } from '../cards';
import { pickLocale } from '../i18n';
import type { RequesterNotifier, RequestStore } from '../reset/ports';
import type { ResetRequest } from '../reset/request';
import { enqueueNewest } from './newest-version';
import type { Outbox } from './outbox';
import type { OutboxOperation } from './ports';
import { cardPayload } from './request-announcer';

/**
 * Replaces the request card in the requester's personal chat through the outbox, once per
 * version of the request, so an update survives a restart and a throttled Teams and is never
 * sent twice. Updates of one chat are delivered in order (one outbox lane per conversation), and
 * the last one shows the newest version of the request (see enqueueNewest).
 */
export class OutboxRequesterNotifier implements RequesterNotifier {
  constructor(
    private readonly outbox: Pick<Outbox, 'enqueue' | 'outcome'>,
    private readonly requests: Pick<RequestStore, 'getRequest'>,
  ) {}

  async showRequest(request: ResetRequest): Promise<void> {
    await enqueueNewest(this.requests, request, {
      enqueue: (version, keySuffix) => this.enqueueCard(version, keySuffix),
      enqueued: async (version) => (await this.outbox.outcome(keyOf(request.id, version, ''))) !== undefined,
    });
  }

  private enqueueCard(request: ResetRequest, keySuffix: string): Promise<'enqueued' | 'duplicate'> {
    const operation: OutboxOperation = request.cardActivityId
      ? { kind: 'updateActivity', conversationId: request.conversationId, activityId: request.cardActivityId }
      : { kind: 'send', target: { kind: 'conversation', conversationId: request.conversationId } };
    return this.outbox.enqueue({
      eventKey: keyOf(request.id, request.version, keySuffix),
      operation,
      payload: cardPayload(requestCard(pickLocale(request.locale), request)),
    });
  }
}

function keyOf(requestId: string, version: number, suffix: string): string {
  return `request:${requestId}:requester-card:v${version}${suffix}`;
}
