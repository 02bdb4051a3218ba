// `npx tsx src/demo/tenant/cli.ts [--graph-port 4567] [--authority-port 4568] [--cert-dir .demo/certs]`
// Starts the demo tenant and prints the settings a bot needs to talk to it. Ctrl+C stops it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDemoCertificate } from '../certificate';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_HELPDESK_GROUP_ID, DEMO_TEAMS_APP, DEMO_TENANT_ID, DEMO_USER_IDS } from './seed';
import { DEMO_OAUTH_CONNECTION, startDemoTenant } from './tenant';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'graph-port': { type: 'string', default: '0' },
      'authority-port': { type: 'string', default: '0' },
      'cert-dir': { type: 'string', default: path.join('.demo', 'certs') },
      'latency-ms': { type: 'string', default: '0' },
      'action-completes-after-ms': { type: 'string', default: '1500' },
    },
  });
  const { certPath, keyPath } = await ensureDemoCertificate(path.resolve(values['cert-dir']));
  const tenant = await startDemoTenant({
    certPath,
    keyPath,
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    graphPort: Number(values['graph-port']),
    authorityPort: Number(values['authority-port']),
    graphLatencyMs: Number(values['latency-ms']),
    actionCompletesAfterMs: Number(values['action-completes-after-ms']),
  });
  const settings = {
    GRAPH_ENDPOINT: tenant.graphEndpoint,
    AZURE_AUTHORITY_HOST: tenant.authorityHost,
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_CLIENT_ID,
    AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
    TEAMS_APP_CATALOG_ID: DEMO_TEAMS_APP.catalogId,
    NODE_EXTRA_CA_CERTS: certPath,
    // The recovery key's sign-in through the tenant's token service stand-in (local mode only).
    RECOVERY_KEY_POLICY: 'self',
    OAUTH_CONNECTION_NAME: DEMO_OAUTH_CONNECTION,
    BOT_TOKEN_SERVICE_URL: tenant.tokenServiceUrl,
  };
  console.log('Demo tenant running. Settings for the bot:');
  for (const [name, value] of Object.entries(settings)) console.log(`${name}=${value}`);
  console.log(`Demo employee: ${DEMO_USER_IDS.employee} (meiling@contoso.example)`);
  console.log(`Request log: GET ${tenant.graphEndpoint}/_demo/requests`);
  const stop = (): void => {
    tenant.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
