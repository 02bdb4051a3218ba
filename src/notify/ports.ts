/**
 * Where proactive messages can go. The bot layer saves a reference when Teams tells it about a
 * conversation (install, conversationUpdate, any personal message) and reads it back to update a
 * card or send a message after the turn that created it is gone — even after a restart.
 */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface StoredConversation {
  /** Teams conversation id ("a:…" personal, "19:…@thread…" channel/group). The store key. */
  conversationId: string;
  kind: ConversationKind;
  tenantId: string;
  serviceUrl: string;
  /** For a personal chat: the user's Entra object id, so we can find "the chat with user X". */
  userAadObjectId: string | null;
  /** The Bot Framework conversation reference as JSON; opaque to everything but src/bot. */
  referenceJson: string;
  updatedAt: string;
}

export interface ConversationStore {
  saveConversation(conversation: StoredConversation): Promise<void>;
  conversation(conversationId: string): Promise<StoredConversation | undefined>;
  personalConversationOf(userAadObjectId: string): Promise<StoredConversation | undefined>;
  /** The most recently seen conversation of a tenant: its service URL is where new chats are created. */
  newestConversationInTenant(tenantId: string): Promise<StoredConversation | undefined>;
  deleteConversation(conversationId: string): Promise<void>;
}

// ─── The outbox: every proactive Teams message, persisted until Teams has it ───────────────────

/** Who a `send` goes to. */
export type OutboxTarget =
  /** A conversation whose reference the ConversationStore holds (a channel, group or personal chat). */
  | { kind: 'conversation'; conversationId: string }
  /** A user's personal chat with the bot, created when there is none yet (the app may need installing). */
  | { kind: 'user'; aadObjectId: string; tenantId: string };

/**
 * What to do with the payload. An update names the message it replaces either by the eventKey of
 * an earlier outbox message (its activity id is known only once that one is delivered) or, for a
 * message sent outside the outbox (a card a turn replied with), by its ids.
 */
export type OutboxOperation =
  | { kind: 'send'; target: OutboxTarget }
  | { kind: 'newThread'; channelId: string }
  | { kind: 'update'; activityOf: string }
  | { kind: 'updateActivity'; conversationId: string; activityId: string };

/**
 * The activity body (text and/or Adaptive Card attachments) as plain JSON data; opaque to
 * src/notify, which stores it and hands it back to TeamsDelivery unchanged.
 *
 * NEVER put a passcode (or any other secret) in a payload: the outbox keeps payloads in the store
 * indefinitely, and a retried message would show it again. The requester's temporary passcode is
 * delivered directly to their own personal chat by src/bot, never through the outbox.
 */
export type OutboxPayload = Readonly<Record<string, unknown>>;

export type OutboxState = 'pending' | 'delivered' | 'failed';

/** Why a message ended as failed; the enqueuing side reads it (e.g. "manager not notified"). */
export type OutboxFailureReason =
  /** 404: the conversation or the activity to update is gone. */
  | 'notFound'
  /** 403 for another reason than a missing app: blocked by the user or by tenant policy. */
  | 'forbidden'
  /** Teams refused the request itself (400 and other 4xx): retrying cannot help. */
  | 'permanent'
  /** The bot is not in the conversation and installing it did not help (or is not possible). */
  | 'botNotInstalled'
  /** The AppInstaller answered 'notPermitted': the app may not be installed for that user. */
  | 'installNotPermitted'
  /** Retryable failures (throttling, 5xx, network) until the attempt limit. */
  | 'attemptsExhausted'
  /** An update whose original message failed or was never enqueued. */
  | 'originalNotDelivered';

/** Where a delivered message landed; a new channel thread has its own conversation id. */
export interface DeliveredActivity {
  activityId: string;
  conversationId: string;
}

/** What the enqueuing code says: the event, what to do, and the body. */
export interface OutboxEntry {
  /**
   * Unique per event, e.g. "request:<id>:channel-card": an event enqueued twice is stored (and
   * delivered) once. Keep it stable across restarts and retries of the code that enqueues.
   */
  eventKey: string;
  operation: OutboxOperation;
  payload: OutboxPayload;
}

/** An entry as the store receives it: with its id, lane and enqueue time. */
export interface NewOutboxMessage extends OutboxEntry {
  id: string;
  /**
   * Messages of one lane (one conversation) are delivered one at a time, in enqueue order, and
   * paced together. See `laneOf` in src/notify/lanes.ts.
   */
  lane: string;
  createdAt: string;
}

export interface OutboxMessage extends NewOutboxMessage {
  state: OutboxState;
  /** Delivery tries recorded so far (a pacing hand-back is not a try). */
  attempts: number;
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** Set after a failed `botNotInstalled` try once the AppInstaller was asked: it is asked once. */
  appInstallAttempted: boolean;
  deliveredActivityId: string | null;
  deliveredConversationId: string | null;
  failureReason: OutboxFailureReason | null;
  /** Short and secret-free: built from typed fields (reason, HTTP status), never from error text. */
  lastError: string | null;
}

export interface OutboxDepth {
  pending: number;
  delivered: number;
  failed: number;
}

/** A write that needs the lease either happened or did nothing because the lease is someone else's. */
export type LeaseOutcome = 'recorded' | 'leaseLost';

/**
 * Persistence of the outbox. Every write after the claim is a compare-and-set on the lease: it
 * succeeds only while the message is pending and leased to `owner` (an expired lease that nobody
 * else took still counts as held). SQLite: BEGIN IMMEDIATE; Azure Table: If-Match on the ETag read
 * with the message, the lease owner and lease-until kept as properties.
 */
export interface OutboxStore {
  /** Stores a pending message due at once; 'duplicate' (changing nothing) when its eventKey exists. */
  enqueueMessage(message: NewOutboxMessage): Promise<'enqueued' | 'duplicate'>;
  /**
   * Leases up to `limit` messages to `owner` until now + leaseMs, oldest first, and returns them.
   * A message is claimable when it is pending, due (nextAttemptAt ≤ now), its lease is free or
   * expired, and no older message of its lane is still pending. Of several owners claiming at
   * once, each message goes to at most one.
   */
  claimDueMessages(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
  /** Marks delivered and records where, in one write; counts the try; frees the lease. */
  completeMessage(id: string, owner: string, delivered: DeliveredActivity): Promise<LeaseOutcome>;
  /** A try failed but may succeed later: counts the try, keeps the error, frees the lease. */
  rescheduleMessage(id: string, owner: string, retry: OutboxRetry): Promise<LeaseOutcome>;
  /** Gives the message back untried (pacing, shutdown): not due before `notBefore`; no try counted. */
  releaseMessage(id: string, owner: string, notBefore: Date): Promise<LeaseOutcome>;
  /** Ends the message as failed; counts the try; frees the lease. */
  failMessage(id: string, owner: string, failure: OutboxFailure): Promise<LeaseOutcome>;
  outboxMessage(eventKey: string): Promise<OutboxMessage | undefined>;
  outboxDepth(): Promise<OutboxDepth>;
  /**
   * Deletes up to `limit` delivered messages enqueued before `createdBefore` and returns how many
   * went. Their eventKeys no longer deduplicate: only for messages older than any event can be
   * enqueued again (see OUTBOX_RETENTION_DAYS). Pending and failed messages are kept.
   */
  pruneDeliveredMessages(createdBefore: Date, limit: number): Promise<number>;
}

export interface OutboxRetry {
  nextAttemptAt: Date;
  lastError: string;
  /** Records that the AppInstaller was asked, so it is not asked again for this message. */
  appInstallAttempted?: boolean;
}

export interface OutboxFailure {
  reason: OutboxFailureReason;
  lastError: string;
}

/**
 * The Teams side of delivery, implemented in src/bot over CloudAdapter. Each method throws a
 * `DeliveryFailure` (src/notify/delivery-failure.ts, built with `deliveryFailureFrom`) when Teams
 * or the network refuses; anything else thrown is treated as a retryable bug. A call should settle
 * well within the worker's lease (2 minutes by default), or another worker may send the message again.
 */
export interface TeamsDelivery {
  /** Sends into the stored conversation, or into the user's personal chat (creating it if needed). */
  send(target: OutboxTarget, payload: OutboxPayload): Promise<DeliveredActivity>;
  /**
   * Posts a new thread in a channel. `conversationId` is the thread's conversation id (it may be
   * the whole "…;messageid=…" id); `activityId` is the root activity id, kept separately.
   */
  newThread(channelId: string, payload: OutboxPayload): Promise<DeliveredActivity>;
  /** Replaces an activity; `conversationId` as returned by send/newThread. */
  update(conversationId: string, activityId: string, payload: OutboxPayload): Promise<void>;
}

/**
 * Installs the app for a user who never opened it (Graph `POST /users/{id}/teamwork/installedApps`),
 * so that a personal chat can be created. 'notPermitted': the tenant or app policy forbids it.
 */
export interface AppInstaller {
  installFor(aadObjectId: string): Promise<'installed' | 'notPermitted'>;
}
