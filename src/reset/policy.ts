import { PLATFORM_KINDS, type PlatformKind } from '../intune/device';
import type { ApproverKind } from './request';

/** Which requests need a person's approval before Intune is asked. */
export type ApprovalPolicy = { kind: 'none' } | { kind: 'all' } | { kind: 'platforms'; platforms: ReadonlySet<PlatformKind> };

const GROUPS: Record<string, readonly PlatformKind[]> = {
  ios: ['ios', 'ipados'],
  apple: ['ios', 'ipados'],
  android: [
    'android-work-profile',
    'android-corporate-work-profile',
    'android-fully-managed',
    'android-dedicated',
    'android-aosp',
    'android-device-admin',
    'android-unknown',
  ],
  'android-work-profile': ['android-work-profile', 'android-corporate-work-profile'],
};

const KINDS: readonly PlatformKind[] = PLATFORM_KINDS;

/**
 * `none` (default), `all`, or a comma list of platform kinds. Group names: `ios`/`apple` (iPhone
 * and iPad), `android` (every Android kind), `android-work-profile` (personal and corporate).
 * Returns the problems instead of throwing so config can list them with the others.
 */
export function parseApprovalPolicy(text: string | undefined): ApprovalPolicy | { problems: string[] } {
  const value = (text ?? '').trim().toLowerCase();
  if (value === '' || value === 'none') return { kind: 'none' };
  if (value === 'all') return { kind: 'all' };
  const platforms = new Set<PlatformKind>();
  const problems: string[] = [];
  for (const token of value.split(',').map((t) => t.trim()).filter(Boolean)) {
    const group = GROUPS[token] ?? KINDS.filter((k) => k === token);
    if (group.length === 0) problems.push(`"${token}" is not a platform (use none, all, or: ${[...Object.keys(GROUPS), ...KINDS].join(', ')})`);
    for (const kind of group) platforms.add(kind);
  }
  return problems.length > 0 ? { problems } : { kind: 'platforms', platforms };
}

/**
 * Who decides a request on `platform`, or null when it is self-service. An Android device whose
 * management mode Graph leaves open always goes to the helpdesk, whatever the policy: only someone
 * who can open the device in Intune can tell whether the reset fits it (a manager cannot).
 */
export function approverFor(policy: ApprovalPolicy, platform: PlatformKind, managerApproval: boolean): ApproverKind | null {
  if (platform === 'android-unknown') return 'helpdesk';
  const needed = policy.kind === 'all' || (policy.kind === 'platforms' && policy.platforms.has(platform));
  if (!needed) return null;
  return managerApproval ? 'manager' : 'helpdesk';
}
