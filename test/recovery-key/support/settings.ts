// The recovery-key settings the bot-level tests run with: the demo tenant's app does the
// on-behalf-of exchange, and the sign-in seam stands in for the OAuth connection.
import type { RecoveryKeySettings } from '../../../src/config';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from '../../../src/demo/tenant';

export function demoRecoveryKeySettings(policy: 'self' | 'approval', authorityHost: string, maxAttemptsPerDay = 5): RecoveryKeySettings {
  return {
    policy,
    maxAttemptsPerDay,
    signIn: { maxAgeMs: 300_000, connectionName: 'TeamsSso', metadataUrl: 'https://127.0.0.1/unused', tenantId: DEMO_TENANT_ID, audience: DEMO_CLIENT_ID },
    onBehalfOf: { tenantId: DEMO_TENANT_ID, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, authorityHost },
  };
}
