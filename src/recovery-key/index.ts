export { RecoveryKeyService, type ApprovedDevice, type RecoveryKeyDeps, type RecoveryKeyDevice, type RecoveryKeyPolicy, type RecoveryKeyStart, type RevealOutcome } from './service';
export { RecoveryKeyApprovals, type AskApprovalOutcome, type ApprovedRevealOutcome, type RecoveryKeyApprovalDeps } from './approval';
export { KeyIdInput, keyIdMatches, type KeyId } from './key-id';
export * from './ports';
