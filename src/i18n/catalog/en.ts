import { enApproval } from './en-approval';
import { enDevices } from './en-devices';
import { enFreshSignIn } from './en-fresh-signin';
import { enIntent } from './en-intent';
import { enSafety } from './en-safety';
import { enNotices } from './en-notices';
import { enRecoveryKey } from './en-recovery-key';
import { enRecoveryKeyApproval } from './en-recovery-key-approval';
import { enRequests } from './en-requests';
import { enScreens } from './en-screens';

/** The source catalog: its keys are every message key, its `{name}` placeholders the params. */
export const en = { ...enScreens, ...enRequests, ...enApproval, ...enNotices, ...enFreshSignIn, ...enIntent, ...enSafety, ...enDevices, ...enRecoveryKey, ...enRecoveryKeyApproval } as const;

export type MessageKey = keyof typeof en;
