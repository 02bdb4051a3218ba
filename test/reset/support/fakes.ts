// In-memory fakes of the lifecycle's ports (src/reset/ports.ts). Each keeps what an outsider
// would observe (Graph POSTs, messages in a chat, cards announced) so tests assert on that.
import type { ActionResult, ManagedDevice } from '../../../src/intune/device';
import type {
  Clock,
  DeviceActions,
  InsertOutcome,
  InsertRules,
  DeviceDirectory,
  IntuneFailure,
  IntuneFailureReason,
  PasscodeMessenger,
  PeopleDirectory,
  Person,
  RequestAnnouncer,
  RequesterNotifier,
  RequestStore,
} from '../../../src/reset/ports';
import { PersonalChatGone } from '../../../src/reset/ports';
import { canMove, OPEN_STATES, type AuditEntry, type RequestPatch, type RequestState, type ResetRequest } from '../../../src/reset/request';

const copy = <T>(value: T): T => structuredClone(value);

/** The typed failure src/graph throws (GraphFailure carries a `reason`). */
export function intuneFailure(reason: IntuneFailureReason, missingPermission?: string): IntuneFailure {
  return Object.assign(new Error(`Graph ${reason}`), { reason, missingPermission });
}

/** A RequestStore with the SQLite store's semantics: compare-and-set on version and on allowed moves. */
export class InMemoryRequestStore implements RequestStore {
  private readonly requests = new Map<string, ResetRequest>();
  private readonly order: string[] = [];
  readonly audit: AuditEntry[] = [];

  constructor(private readonly clock: Clock) {}

  /** As the stores do it atomically: one open request per device, then the daily limit. */
  async insertRequest(request: ResetRequest, rules: InsertRules = {}): Promise<InsertOutcome> {
    if (this.requests.has(request.id)) throw new Error(`duplicate request ${request.id}`);
    const existing = await this.openRequestForDevice(request.device.deviceId);
    if (existing) return { kind: 'deviceHasOpenRequest', existing };
    if (rules.dailyLimit && (await this.countRequestsSince(request.requesterId, rules.dailyLimit.sinceIso)) >= rules.dailyLimit.max) {
      return { kind: 'dailyLimitReached' };
    }
    this.requests.set(request.id, copy(request));
    this.order.push(request.id);
    return { kind: 'inserted' };
  }

  async succeededWithPasscodeShown(): Promise<ResetRequest[]> {
    return this.all().filter((r) => r.state === 'succeeded' && r.hidePasscodeAt !== null);
  }

  async getRequest(id: string): Promise<ResetRequest | undefined> {
    const found = this.requests.get(id);
    return found ? copy(found) : undefined;
  }

  async transition(id: string, expectedVersion: number, to: RequestState, patch: RequestPatch = {}): Promise<ResetRequest | undefined> {
    return this.compareAndSet(id, expectedVersion, (from) => (canMove(from, to) ? to : undefined), patch);
  }

  async patch(id: string, expectedVersion: number, patch: RequestPatch): Promise<ResetRequest | undefined> {
    return this.compareAndSet(id, expectedVersion, (from) => from, patch);
  }

  async requestsOf(requesterId: string, states: readonly RequestState[]): Promise<ResetRequest[]> {
    return this.all()
      .filter((r) => r.requesterId === requesterId && states.includes(r.state))
      .reverse();
  }

  async openRequestForDevice(deviceId: string): Promise<ResetRequest | undefined> {
    return this.all()
      .filter((r) => r.device.deviceId === deviceId && OPEN_STATES.includes(r.state))
      .at(-1);
  }

  async requestsInStates(states: readonly RequestState[]): Promise<ResetRequest[]> {
    return this.all().filter((r) => states.includes(r.state));
  }

  async countRequestsSince(requesterId: string, sinceIso: string): Promise<number> {
    const since = Date.parse(sinceIso);
    return this.all().filter((r) => r.requesterId === requesterId && Date.parse(r.createdAt) >= since).length;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.push(copy(entry));
  }

  async auditOf(requestId: string): Promise<AuditEntry[]> {
    return this.audit.filter((e) => e.requestId === requestId).map(copy);
  }

  /** Events of one request's audit trail, in order. */
  eventsOf(requestId: string): string[] {
    return this.audit.filter((e) => e.requestId === requestId).map((e) => e.event);
  }

  private all(): ResetRequest[] {
    return this.order.map((id) => this.requests.get(id)).filter((r): r is ResetRequest => r !== undefined).map(copy);
  }

  private compareAndSet(id: string, expectedVersion: number, next: (from: RequestState) => RequestState | undefined, patch: RequestPatch): ResetRequest | undefined {
    const current = this.requests.get(id);
    if (!current || current.version !== expectedVersion) return undefined;
    const to = next(current.state);
    if (to === undefined) return undefined;
    const updated: ResetRequest = { ...current, ...patch, state: to, version: current.version + 1, updatedAt: this.clock.now().toISOString() };
    this.requests.set(id, updated);
    return copy(updated);
  }
}

/** A call the test holds open (a slow Graph) until it releases it. */
export class Gate {
  private opened = false;
  private waiters: (() => void)[] = [];
  waiting = 0;

  async pass(): Promise<void> {
    if (this.opened) return;
    this.waiting += 1;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.waiting -= 1;
  }

  open(): void {
    this.opened = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
}

type Scripted<T> = T | IntuneFailure | (() => T | IntuneFailure);

function answer<T>(script: Scripted<T>): T {
  const value = typeof script === 'function' ? (script as () => T | IntuneFailure)() : script;
  if (value instanceof Error) throw value;
  return value;
}

/**
 * Intune as the lifecycle sees it (DeviceDirectory + DeviceActions). `resetPasscode` records the
 * POST; results are what `deviceActionResults` shows. `listing` can make Graph answer a user's
 * device list wrongly (a filter bug, a proxy), which the domain must not trust.
 */
export class FakeIntune implements DeviceDirectory, DeviceActions {
  readonly devices = new Map<string, ManagedDevice>();
  readonly results = new Map<string, ActionResult>();
  /** Device ids of every resetPasscode POST, in order. */
  readonly posts: string[] = [];
  listing: ((userId: string) => ManagedDevice[]) | undefined;
  listFailure: IntuneFailure | undefined;
  deviceRead: Scripted<'asStored'> = 'asStored';
  postOutcome: Scripted<'sent' | 'uncertain'> = 'sent';
  resultRead: Scripted<'asStored'> = 'asStored';
  /** When set, reads of the device / of results wait here (a slow Graph). */
  deviceGate: Gate | undefined;
  resultGate: Gate | undefined;
  postGate: Gate | undefined;
  /** What a POST does to deviceActionResults (Intune starting the action); default: pending. */
  onPost: (deviceId: string, at: Date) => void;

  constructor(private readonly clock: Clock) {
    this.onPost = (deviceId, at) => this.setResult(deviceId, 'pending', at);
  }

  add(device: ManagedDevice): ManagedDevice {
    this.devices.set(device.id, copy(device));
    return device;
  }

  async devicesOf(userId: string): Promise<ManagedDevice[]> {
    if (this.listFailure) throw this.listFailure;
    if (this.listing) return this.listing(userId).map(copy);
    return [...this.devices.values()].filter((d) => d.userId === userId).map(copy);
  }

  async device(deviceId: string): Promise<ManagedDevice | undefined> {
    await this.deviceGate?.pass();
    answer(this.deviceRead);
    const found = this.devices.get(deviceId);
    return found ? copy(found) : undefined;
  }

  async resetPasscode(deviceId: string): Promise<'sent' | 'uncertain'> {
    this.posts.push(deviceId);
    await this.postGate?.pass();
    this.onPost(deviceId, this.clock.now());
    return answer(this.postOutcome);
  }

  async resetPasscodeResult(deviceId: string): Promise<ActionResult | undefined> {
    await this.resultGate?.pass();
    answer(this.resultRead);
    const found = this.results.get(deviceId);
    return found ? copy(found) : undefined;
  }

  /** Sets the newest resetPasscode entry of the device's deviceActionResults. */
  setResult(deviceId: string, actionState: ActionResult['actionState'], startedAt: Date, passcode?: string): void {
    const at = this.clock.now().toISOString();
    this.results.set(deviceId, { actionName: 'resetPasscode', actionState, startDateTime: startedAt.toISOString(), lastUpdatedDateTime: at, ...(passcode ? { passcode } : {}) });
  }

  /** Intune finishes whatever action is pending on the device. */
  complete(deviceId: string, passcode?: string): void {
    const current = this.results.get(deviceId);
    if (!current) throw new Error(`no action on ${deviceId}`);
    this.setResult(deviceId, 'done', new Date(current.startDateTime), passcode);
  }
}

/** Entra users, managers and the helpdesk group, as Graph would answer. */
export class FakePeople implements PeopleDirectory {
  readonly people = new Map<string, Person>();
  readonly managers = new Map<string, string>();
  readonly groups = new Map<string, Set<string>>();
  failure: IntuneFailure | undefined;

  addPerson(id: string, displayName: string): Person {
    const person = { id, displayName, userPrincipalName: `${displayName.toLowerCase().replace(/\s+/g, '.')}@contoso.com` };
    this.people.set(id, person);
    return person;
  }

  addToGroup(groupId: string, userId: string): void {
    const members = this.groups.get(groupId) ?? new Set<string>();
    members.add(userId);
    this.groups.set(groupId, members);
  }

  async person(userId: string): Promise<Person | undefined> {
    if (this.failure) throw this.failure;
    return this.people.get(userId);
  }

  async managerOf(userId: string): Promise<Person | null> {
    if (this.failure) throw this.failure;
    const id = this.managers.get(userId);
    return (id && this.people.get(id)) || null;
  }

  async isMemberOf(userId: string, groupId: string): Promise<boolean> {
    if (this.failure) throw this.failure;
    return this.groups.get(groupId)?.has(userId) ?? false;
  }

  async findPeople(query: string): Promise<Person[]> {
    return [...this.people.values()].filter((p) => p.displayName.toLowerCase().startsWith(query.toLowerCase()));
  }
}

/** The requester's own card: every version shown, in order. */
export class RecordingNotifier implements RequesterNotifier {
  readonly shown: ResetRequest[] = [];
  /** When set, showing waits here (a slow store or outbox write). */
  gate: Gate | undefined;

  async showRequest(request: ResetRequest): Promise<void> {
    await this.gate?.pass();
    this.shown.push(copy(request));
  }
}

/** The approval card and manager notices: what was announced, in order. */
export class RecordingAnnouncer implements RequestAnnouncer {
  readonly confirmed: ResetRequest[] = [];
  readonly changed: ResetRequest[] = [];

  async requestConfirmed(request: ResetRequest): Promise<void> {
    this.confirmed.push(copy(request));
  }

  async requestChanged(request: ResetRequest): Promise<void> {
    this.changed.push(copy(request));
  }
}

export const HIDDEN_TEXT = 'The temporary passcode is hidden.';

/**
 * The requester's personal chat as far as passcodes go: a message per shown passcode, replaced by
 * a "hidden" text later. Shared by every bot instance, as Teams is.
 */
export class FakePasscodeChat implements PasscodeMessenger {
  readonly messages = new Map<string, { requestId: string; text: string }>();
  /** The personal chat cannot be reached (Teams down, or the app uninstalled): sending throws. */
  unreachable = false;
  /** The personal chat is gone for good (Teams 403/404: the app was removed). */
  gone = false;
  private next = 1;

  async showPasscode(request: ResetRequest, passcode: string): Promise<string | undefined> {
    if (this.gone) throw new PersonalChatGone('the personal chat cannot be reached (notFound)');
    if (this.unreachable) throw new Error('Teams answered 502');
    const activityId = `passcode-${this.next++}`;
    this.messages.set(activityId, { requestId: request.id, text: `Your temporary passcode: ${passcode}` });
    return activityId;
  }

  async hidePasscode(request: ResetRequest): Promise<void> {
    const message = request.passcodeActivityId ? this.messages.get(request.passcodeActivityId) : undefined;
    if (message) message.text = HIDDEN_TEXT;
  }

  /** Texts of the messages still showing a passcode. */
  visible(): string[] {
    return [...this.messages.values()].filter((m) => m.text !== HIDDEN_TEXT).map((m) => m.text);
  }

  shownFor(requestId: string): string[] {
    return [...this.messages.values()].filter((m) => m.requestId === requestId).map((m) => m.text);
  }
}
