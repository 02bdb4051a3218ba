export { RecoveryKeyService, type RecoveryKeyDeps, type RecoveryKeyDevice, type RecoveryKeyPolicy, type RecoveryKeyStart, type RevealOutcome } from './service';
export { KeyIdInput, keyIdMatches, type KeyId } from './key-id';
export * from './ports';
