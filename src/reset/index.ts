import { Approvals } from './approval';
import { Confirmations } from './confirm';
import { ActionExecutor, type ExecutionDeps } from './execution';
import { ActionFollowUp } from './follow-up';
import { PasscodeRecall } from './passcode-again';
import { approverFor, type ApprovalPolicy } from './policy';
import type { PeopleDirectory } from './ports';
import { RequestService } from './service';

export type { Requester, StartOutcome, DeviceStep } from './service';
export type { RequestStep } from './confirm';
export type { PollingPolicy } from './execution';
export type { Decider, DecisionResult, ApprovalRefusal } from './approval';
export type { PasscodeAgain, PasscodeAgainRefusal } from './passcode-again';
export { Scheduler } from './scheduler';

export interface ResetAppDeps extends ExecutionDeps {
  people: PeopleDirectory;
  approval: { policy: ApprovalPolicy; managerApproval: boolean; helpdeskGroupId: string | undefined; ttlMs: number };
  notifyManager: boolean;
  maxRequestsPerDay: number;
}

export interface ResetApp {
  requests: RequestService;
  confirmations: Confirmations;
  approvals: Approvals;
  followUp: ActionFollowUp;
  executor: ActionExecutor;
  /** "Show passcode again" within Intune's 7 days, re-read from Graph. */
  passcodeAgain: PasscodeRecall;
  /** After a restart: send approved actions, keep following executing ones, expire and hide on time. */
  resumeOpenWork(): Promise<number>;
  /**
   * Takes over work whose timer lived in an instance that died (README "Running more than one
   * instance"): an approved request nobody renewed for a lease, an executing one whose check (or
   * check lease) is overdue, a request waiting past its expiry.
   * Every step is a compare-and-set, so when the owner is alive after all, one of the two moves
   * the request and the other stops. With `watchForOrphanedWork(lease / 3)` a crashed instance's
   * work is taken over within lease × 1.5 (45 s at the default 30 s lease).
   */
  adoptOrphanedWork(): Promise<number>;
  /** Hides passcodes an instance that died had shown, once their time is past. Reads every succeeded request. */
  hideOrphanedPasscodes(): Promise<number>;
  /**
   * Runs `adoptOrphanedWork` every `everyMs`, and `hideOrphanedPasscodes` — then each of
   * `alsoHide`, the other secrets shown for PASSCODE_VISIBLE_MINUTES (the BitLocker recovery key) —
   * every half of PASSCODE_VISIBLE_MINUTES (at least `everyMs`), until the scheduler stops.
   */
  watchForOrphanedWork(everyMs: number, alsoHide?: ReadonlyArray<HidingSweep>): void;
}

/** Hides what is still shown past its time; answers how many it hid. */
export type HidingSweep = () => Promise<number>;

/** Wires the request lifecycle from its ports. No Teams, no HTTP in here. */
export function createResetApp(deps: ResetAppDeps): ResetApp {
  const followUp = new ActionFollowUp(deps);
  const executor = new ActionExecutor(deps, (request) => followUp.schedule(request));
  const requests = new RequestService(deps);
  const startExecution = (id: string): void => executor.start(id);
  const approvals = new Approvals({ ...deps, helpdeskGroupId: deps.approval.helpdeskGroupId, approvalTtlMs: deps.approval.ttlMs, startExecution });
  const confirmations = new Confirmations({
    ...deps,
    startExecution,
    approverFor: (request) => approverFor(deps.approval.policy, request.device.platform, deps.approval.managerApproval),
    approvalTtlMs: deps.approval.ttlMs,
    afterConfirm: (request) => deps.scheduler.run('announce-confirmed', () => approvals.announceConfirmed(request)),
    afterCancel: (request) => deps.scheduler.run('announce-cancelled', () => deps.announcer.requestChanged(request)),
  });
  const passcodeAgain = new PasscodeRecall({ ...deps, scheduleHide: (request) => followUp.scheduleHide(request) });
  const resumeOpenWork = async (): Promise<number> => {
    const open = await deps.store.requestsInStates(['awaiting_approval', 'approved', 'executing']);
    // Of the succeeded requests (the whole history) only those still showing a passcode need a timer.
    const shown = await deps.store.succeededWithPasscodeShown();
    let resumed = 0;
    for (const request of [...open, ...shown]) {
      if (approvals.canLapse(request)) approvals.scheduleExpiry(request);
      else if (request.state === 'approved') executor.start(request.id);
      else if (request.state === 'executing') followUp.schedule(request);
      else if (request.hidePasscodeAt) followUp.scheduleHide(request);
      else continue;
      resumed += 1;
    }
    return resumed;
  };
  // A live owner renews its claim every third of the lease (src/reset/lease.ts) and its timers
  // fire on time; a claim or a due time left behind by more than this is an orphan's.
  const slackMs = deps.polling.leaseMs / 6;
  const overdue = (at: string | null, byMs: number): boolean => at !== null && Date.parse(at) + byMs <= deps.clock.now().getTime();
  const adoptOrphanedWork = async (): Promise<number> => {
    const open = await deps.store.requestsInStates(['awaiting_approval', 'approved', 'executing']);
    let adopted = 0;
    for (const request of open) {
      if (approvals.canLapse(request)) {
        if (!overdue(request.expiresAt, slackMs)) continue;
        approvals.scheduleExpiry(request);
      }
      // approved lasts only while the deciding instance announces it, re-reads the device and claims the action (renewing updatedAt).
      else if (request.state === 'approved' && overdue(request.updatedAt, deps.polling.leaseMs)) executor.start(request.id);
      // nextCheckAt is the owner's lease while it checks (renewed) and the next check's time while it waits.
      else if (request.state === 'executing' && overdue(request.nextCheckAt, slackMs)) followUp.schedule(request);
      else continue;
      adopted += 1;
    }
    if (adopted > 0) deps.log.info('adopted orphaned work', { count: adopted });
    return adopted;
  };
  const hideOrphanedPasscodes = async (): Promise<number> => {
    // Reads only the succeeded requests whose passcode is still shown (a partial index): cheap.
    const shown = (await deps.store.succeededWithPasscodeShown()).filter((r) => overdue(r.hidePasscodeAt, slackMs));
    for (const request of shown) followUp.scheduleHide(request);
    if (shown.length > 0) deps.log.info('hiding passcodes of a stopped instance', { count: shown.length });
    return shown.length;
  };
  // Each sweep on its own: one that fails (its store or chat down) must not keep the others' secrets on screen.
  const hideShownSecrets = async (sweeps: readonly HidingSweep[]): Promise<void> => {
    for (const sweep of sweeps) {
      try {
        await sweep();
      } catch (error) {
        deps.log.error('hiding sweep failed; it runs again', { error });
      }
    }
  };
  const watchForOrphanedWork = (everyMs: number, alsoHide: readonly HidingSweep[] = []): void => {
    deps.scheduler.every('adopt-orphaned-work', everyMs, adoptOrphanedWork);
    // A passcode or key shown by a dead instance, or whose hide failed, is hidden at most half of PASSCODE_VISIBLE_MINUTES late.
    deps.scheduler.every('hide-shown-secrets', Math.max(everyMs, deps.passcodeVisibleMs / 2), () => hideShownSecrets([hideOrphanedPasscodes, ...alsoHide]));
  };
  return { requests, confirmations, approvals, followUp, executor, passcodeAgain, resumeOpenWork, adoptOrphanedWork, hideOrphanedPasscodes, watchForOrphanedWork };
}
