import { Approvals } from './approval';
import { Confirmations } from './confirm';
import { ActionExecutor, type ExecutionDeps } from './execution';
import { ActionFollowUp } from './follow-up';
import { approverFor, type ApprovalPolicy } from './policy';
import type { PeopleDirectory } from './ports';
import { RequestService } from './service';

export type { Requester, StartOutcome, DeviceStep } from './service';
export type { RequestStep } from './confirm';
export type { PollingPolicy } from './execution';
export type { Decider, DecisionResult, ApprovalRefusal } from './approval';
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
  /** After a restart: send approved actions, keep following executing ones, expire and hide on time. */
  resumeOpenWork(): Promise<number>;
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
  const resumeOpenWork = async (): Promise<number> => {
    const open = await deps.store.requestsInStates(['awaiting_approval', 'approved', 'executing', 'succeeded']);
    let resumed = 0;
    for (const request of open) {
      if (request.state === 'awaiting_approval') approvals.scheduleExpiry(request);
      else if (request.state === 'approved') executor.start(request.id);
      else if (request.state === 'executing') followUp.schedule(request);
      else if (request.hidePasscodeAt) followUp.scheduleHide(request);
      else continue;
      resumed += 1;
    }
    return resumed;
  };
  return { requests, confirmations, approvals, followUp, executor, resumeOpenWork };
}
