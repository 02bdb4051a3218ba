// Everything people see from the bot, as Adaptive Card JSON built from cards/*.json templates.
export { approvalCard, MAX_REFRESH_USER_IDS, type ApprovalCardOptions, type ApprovalView } from './approval';
export { approvalChannelSetCard, type ApprovalChannelOutcome } from './approval-channel';
export { approvalProblemCard, approvalProblemText, helpdeskCommandElsewhereCard, notForYouCard, type ApprovalProblemKind } from './approval-problem';
export { devicePickerCard } from './device-picker';
export { STALE_AFTER_DAYS } from './device-facts';
export { guidanceCard } from './guidance';
export { helpCard, noDevicesCard, personalChatOnlyCard } from './help';
export { historyCard, MAX_HISTORY_SHOWN, type HistoryItem } from './history';
export { managerNoticeCard, type ManagerEvent } from './manager-notice';
export { offerCard } from './offer';
export { outcomeCard, type OutcomeOptions } from './outcome';
export { passcodeAgainRefusedCard, passcodeCard } from './passcode';
export { MAX_PENDING_SHOWN, pendingCard, type PendingItem } from './pending';
export { problemCard } from './problem';
export { progressCard } from './progress';
export {
  recoveryKeyAskCard,
  recoveryKeyCard,
  recoveryKeyDevicesCard,
  recoveryKeyRefusalCard,
  recoveryKeyShownCard,
  type KeyIdCardNote,
  type RecoveryKeyRefusal,
} from './recovery-key';
export {
  recoveryKeyApprovalAskCard,
  recoveryKeyApprovalProblemCard,
  recoveryKeyRequestCard,
  type RecoveryKeyApprovalProblem,
} from './recovery-key-approval';
export { refusalCard } from './refusal';
export { requestCard } from './request-card';
export { markdownText, plainText } from './safe-text';
export { statusCard } from './status';
export { cardsFolder, type AdaptiveCard } from './template';
export {
  isVerb,
  REJECT_REASON_INPUT,
  REJECT_REASON_MAX_LENGTH,
  VERB_DATA_KEYS,
  VERBS,
  type Verb,
  type VerbData,
} from './verbs';
export { accountPasswordCard, whichPasswordCard } from './which-password';
