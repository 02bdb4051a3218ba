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
   * instance"): an approved request nobody sent, an executing one whose check is overdue, a request
   * waiting past its expiry — each only once it is a lease overdue. Every step is a compare-and-set,
   * so when the owner is alive after all, one of the two moves the request and the other stops.
   */
  adoptOrphanedWork(): Promise<number>;
  /** Runs `adoptOrphanedWork` every `everyMs` until the scheduler stops. */
  watchForOrphanedWork(everyMs: number): void;
}

/** Wires the request lifecycle from its ports. No Teams, no HTTP in here. */
export function createResetApp(deps: ResetAppDeps): ResetApp {
  const followUp = new ActionFollowUp(deps);
  const executor = new ActionExecutor(deps, (request) => followUp.schedule(request));
  const requests = new RequestService(deps);
  const startExecution = (id: string): void => executor.start(id);
  const approvals = new Approvals({ ...deps, helpdeskGroupId: deps.approval.helpdeskGroupId, startExecution });
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
      if (request.state === 'awaiting_approval') approvals.scheduleExpiry(request);
      else if (request.state === 'approved') executor.start(request.id);
      else if (request.state === 'executing') followUp.schedule(request);
      else if (request.hidePasscodeAt) followUp.scheduleHide(request);
      else continue;
      resumed += 1;
    }
    return resumed;
  };
  const adoptOrphanedWork = async (): Promise<number> => {
    const now = deps.clock.now().getTime();
    const overdue = (at: string | null): boolean => at !== null && Date.parse(at) + deps.polling.leaseMs <= now;
    const open = await deps.store.requestsInStates(['awaiting_approval', 'approved', 'executing']);
    let adopted = 0;
    for (const request of open) {
      // approved lasts only while the deciding instance re-reads the device and claims the action.
      if (request.state === 'approved' && overdue(request.updatedAt)) executor.start(request.id);
      // The owner of a check moves nextCheckAt ahead when it checks (the lease) and when it backs off.
      else if (request.state === 'executing' && overdue(request.nextCheckAt)) followUp.schedule(request);
      else if (request.state === 'awaiting_approval' && overdue(request.expiresAt)) approvals.scheduleExpiry(request);
      else continue;
      adopted += 1;
    }
    if (adopted > 0) deps.log.info('adopted orphaned work', { count: adopted });
    return adopted;
  };
  const watchForOrphanedWork = (everyMs: number): void => {
    deps.scheduler.at('adopt-orphaned-work', new Date(Date.now() + everyMs), async () => {
      try {
        await adoptOrphanedWork();
      } finally {
        watchForOrphanedWork(everyMs);
      }
    });
  };
  return { requests, confirmations, approvals, followUp, executor, passcodeAgain, resumeOpenWork, adoptOrphanedWork, watchForOrphanedWork };
}
