import type { Config } from './config';

/** What we log at start: shape and presence, never a secret. */
export function redactedSummary(config: Config): Record<string, unknown> {
  const credential = config.graph.credential;
  return {
    production: config.production,
    port: config.port,
    host: config.host,
    maxGraphMessagesPerUserPerMinute: config.maxGraphMessagesPerMinute,
    botAuthentication: config.bot.appId ? `on (${config.bot.appType})` : 'off (local Agents Playground mode)',
    botAppId: config.bot.appId || '(empty)',
    botAppPassword: config.bot.appPassword ? '(set)' : '(not set)',
    graphEndpoint: config.graph.endpoint,
    graphCredential: credential.kind,
    graphClientId: credential.clientId ?? '(system-assigned)',
    graphClientSecret: credential.kind === 'secret' ? '(set)' : '(not used)',
    authorityHost: credential.authorityHost,
    tenantId: credential.tenantId,
    allowedTenantIds: config.allowedTenantIds,
    store: config.store.replace(/(AccountKey|SharedAccessSignature|sig)=[^;&]+/gi, '$1=(redacted)'),
    polling: config.polling,
    approvalPolicy: config.approval.policy.kind === 'platforms' ? [...config.approval.policy.platforms].join(',') : config.approval.policy.kind,
    approvedBy: config.approval.managerApproval ? 'manager' : 'helpdesk',
    helpdeskGroupId: config.approval.helpdeskGroupId ?? '(not set)',
    approvalChannelPreset: config.approval.presetChannelId ?? '(not set)',
    approvalTtlMs: config.approval.ttlMs,
    botOpenIdMetadataUrl: config.bot.channelOpenIdMetadataUrl ?? '(public cloud)',
    botTokenIssuer: config.bot.channelTokenIssuer ?? '(public cloud)',
    botTokenService: config.bot.tokenServiceUrl ?? '(Azure Bot)',
    freshSignIn: config.freshSignIn.required
      ? { maxAgeMs: config.freshSignIn.maxAgeMs, connectionName: config.freshSignIn.connectionName, metadataUrl: config.freshSignIn.metadataUrl }
      : 'off',
    // Never onBehalfOf: it holds the bot's client secret.
    recoveryKey:
      config.recoveryKey.policy !== 'off'
        ? { policy: config.recoveryKey.policy, maxAttemptsPerDay: config.recoveryKey.maxAttemptsPerDay, connectionName: config.recoveryKey.signIn.connectionName }
        : 'off',
  };
}
