// One tenant's worth of lifecycle, wired from in-memory fakes and a manual clock. Several bot
// instances can share it (one store, one Intune, one Teams), each with its own scheduler.
import { createLogger, type Logger } from '../../../src/log';
import { createResetApp, Scheduler, type ResetApp, type Requester } from '../../../src/reset';
import type { PollingPolicy } from '../../../src/reset/execution';
import type { ApprovalPolicy } from '../../../src/reset/policy';
import type { ResetRequest } from '../../../src/reset/request';
import type { ManagedDevice } from '../../../src/intune/device';
import { device, android } from '../../intune/device-builder';
import { FakeIntune, FakePasscodeChat, FakePeople, InMemoryRequestStore, RecordingAnnouncer, RecordingNotifier } from './fakes';
import { ManualClock } from './manual-clock';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
export const HELPDESK_GROUP = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f00000001';
export const ALICE = 'a11ce000-0000-4000-8000-000000000001';
export const BOB = 'b0b00000-0000-4000-8000-000000000002';
export const HELEN = '4e1e0000-0000-4000-8000-000000000003'; // helpdesk agent
export const MARK = '3a4c0000-0000-4000-8000-000000000004'; // Alice's manager
export const EVE = 'e7e00000-0000-4000-8000-000000000005'; // neither helpdesk nor manager

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface WorldOptions {
  approval?: ApprovalPolicy;
  managerApproval?: boolean;
  ttlMs?: number;
  maxRequestsPerDay?: number;
  polling?: Partial<PollingPolicy>;
  passcodeVisibleMs?: number;
}

/** The defaults of src/config.ts, so tests state the guarantees at the shipped settings. */
export const DEFAULT_POLLING: PollingPolicy = { firstDelayMs: 30_000, maxDelayMs: 600_000, timeoutMs: 24 * HOUR, leaseMs: 30_000 };

export interface Instance {
  name: string;
  app: ResetApp;
  scheduler: Scheduler;
  /** Error lines this instance logged (a background job that threw). */
  errors: string[];
  /** The instance dies: its timers never fire, its jobs never run again. */
  kill(): Promise<void>;
}

export class World {
  readonly clock = new ManualClock();
  readonly store = new InMemoryRequestStore(this.clock);
  readonly intune = new FakeIntune(this.clock);
  readonly people = new FakePeople();
  readonly notifier = new RecordingNotifier();
  readonly announcer = new RecordingAnnouncer();
  readonly passcodes = new FakePasscodeChat();
  readonly polling: PollingPolicy;
  private readonly instances: Instance[] = [];

  constructor(readonly options: WorldOptions = {}) {
    this.polling = { ...DEFAULT_POLLING, ...options.polling };
    this.people.addPerson(ALICE, 'Alice Example');
    this.people.addPerson(BOB, 'Bob Example');
    this.people.addPerson(HELEN, 'Helen Helpdesk');
    this.people.addPerson(MARK, 'Mark Manager');
    this.people.addPerson(EVE, 'Eve Outsider');
    this.people.managers.set(ALICE, MARK);
    this.people.addToGroup(HELPDESK_GROUP, HELEN);
  }

  /** A bot instance on the shared store, Intune and Teams. */
  startInstance(name = `instance-${this.instances.length + 1}`): Instance {
    const errors: string[] = [];
    const log: Logger = createLogger('error', (line) => errors.push(line));
    const scheduler = new Scheduler(log, this.clock.timers);
    const app = createResetApp({
      store: this.store,
      directory: this.intune,
      actions: this.intune,
      people: this.people,
      notifier: this.notifier,
      passcodes: this.passcodes,
      announcer: this.announcer,
      scheduler,
      clock: this.clock,
      log,
      polling: this.polling,
      passcodeVisibleMs: this.options.passcodeVisibleMs ?? 5 * MINUTE,
      approval: {
        policy: this.options.approval ?? { kind: 'none' },
        managerApproval: this.options.managerApproval ?? false,
        helpdeskGroupId: HELPDESK_GROUP,
        ttlMs: this.options.ttlMs ?? 24 * HOUR,
      },
      notifyManager: true,
      maxRequestsPerDay: this.options.maxRequestsPerDay ?? 3,
    });
    const instance: Instance = { name, app, scheduler, errors, kill: () => scheduler.stop(0) };
    this.instances.push(instance);
    return instance;
  }

  /** Every error any instance logged; a test ends with none unless it expects them. */
  errors(): string[] {
    return this.instances.flatMap((i) => i.errors);
  }

  requester(aadObjectId = ALICE, tenantId = TENANT): Requester {
    const name = this.people.people.get(aadObjectId)?.displayName ?? 'Someone';
    return { tenantId, aadObjectId, name, locale: 'en-US', conversationId: `a:chat-${aadObjectId}` };
  }

  /** A Company Portal-enrolled iPhone (offers "remove passcode"). */
  iphone(ownerId = ALICE, id = `iphone-${ownerId.slice(0, 4)}`): ManagedDevice {
    return this.intune.add(device({ id, userId: ownerId, lastSyncDateTime: this.clock.now().toISOString() }));
  }

  /** A personally owned Android work profile (Intune issues a temporary passcode). */
  workProfile(ownerId = ALICE, id = `android-${ownerId.slice(0, 4)}`): ManagedDevice {
    return this.intune.add(device({ id, userId: ownerId, ...android.workProfile, lastSyncDateTime: this.clock.now().toISOString() }));
  }

  /** "Reset my PIN" on `deviceId` by `requester`, up to the confirm card. */
  async offer(instance: Instance, deviceId: string, requester = this.requester()): Promise<ResetRequest> {
    const step = await instance.app.requests.chooseDevice(requester, deviceId);
    if (step.kind !== 'offer') throw new Error(`expected an offer, got ${JSON.stringify(step)}`);
    return step.request;
  }

  /** Offer and confirm; answers the request as confirm left it. */
  async confirmed(instance: Instance, deviceId: string, requester = this.requester()): Promise<ResetRequest> {
    const offered = await this.offer(instance, deviceId, requester);
    const step = await instance.app.confirmations.confirm(requester, offered.id, 'card-1');
    if (step.kind !== 'request') throw new Error(`expected a request, got ${JSON.stringify(step)}`);
    return step.request;
  }

  async current(requestId: string): Promise<ResetRequest> {
    const request = await this.store.getRequest(requestId);
    if (!request) throw new Error(`no request ${requestId}`);
    return request;
  }
}

export function helpdesk(approverId = HELEN, tenantId = TENANT, name = 'Helen Helpdesk'): { tenantId: string; aadObjectId: string; name: string } {
  return { tenantId, aadObjectId: approverId, name };
}
