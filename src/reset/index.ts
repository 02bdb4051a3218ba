import { Confirmations } from './confirm';
import { ActionExecutor, type ExecutionDeps } from './execution';
import { ActionFollowUp } from './follow-up';
import { RequestService } from './service';

export type { Requester, StartOutcome, DeviceStep } from './service';
export type { RequestStep } from './confirm';
export type { PollingPolicy } from './execution';
export { Scheduler } from './scheduler';

export interface ResetApp {
  requests: RequestService;
  confirmations: Confirmations;
  followUp: ActionFollowUp;
  executor: ActionExecutor;
  /** After a restart: send approved actions, keep following executing ones, hide shown passcodes. */
  resumeOpenWork(): Promise<number>;
}

/** Wires the request lifecycle from its ports. No Teams, no HTTP in here. */
export function createResetApp(deps: ExecutionDeps): ResetApp {
  const followUp = new ActionFollowUp(deps);
  const executor = new ActionExecutor(deps, (request) => followUp.schedule(request));
  const requests = new RequestService(deps);
  const confirmations = new Confirmations({ ...deps, startExecution: (id) => executor.start(id) });
  const resumeOpenWork = async (): Promise<number> => {
    const open = await deps.store.requestsInStates(['approved', 'executing', 'succeeded']);
    let resumed = 0;
    for (const request of open) {
      if (request.state === 'approved') executor.start(request.id);
      else if (request.state === 'executing') followUp.schedule(request);
      else if (request.hidePasscodeAt) followUp.scheduleHide(request);
      else continue;
      resumed += 1;
    }
    return resumed;
  };
  return { requests, confirmations, followUp, executor, resumeOpenWork };
}
