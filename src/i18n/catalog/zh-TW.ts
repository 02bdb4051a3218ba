import type { MessageKey } from './en';
import { zhTWApproval } from './zh-TW-approval';
import { zhTWDevices } from './zh-TW-devices';
import { zhTWFreshSignIn } from './zh-TW-fresh-signin';
import { zhTWIntent } from './zh-TW-intent';
import { zhTWSafety } from './zh-TW-safety';
import { zhTWNotices } from './zh-TW-notices';
import { zhTWRecoveryKey } from './zh-TW-recovery-key';
import { zhTWRecoveryKeyApproval } from './zh-TW-recovery-key-approval';
import { zhTWRequests } from './zh-TW-requests';
import { zhTWScreens } from './zh-TW-screens';

/** Each part is a Record over its English part's keys, so zh-TW has exactly the English keys. */
export const zhTW: Record<MessageKey, string> = { ...zhTWScreens, ...zhTWRequests, ...zhTWApproval, ...zhTWNotices, ...zhTWFreshSignIn, ...zhTWIntent, ...zhTWSafety, ...zhTWDevices, ...zhTWRecoveryKey, ...zhTWRecoveryKeyApproval };
