// The deployment runs the bot with NODE_ENV=production, where the fresh sign-in gate is on by
// default and the bot refuses to start without an OAuth connection (README "Fresh sign-in"). A
// deploy must therefore name an OAuth connection or set REQUIRE_FRESH_SIGNIN=false explicitly;
// otherwise App Service restarts a bot that exits at once with a settings error.
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { bicepParams, read, readEnv } from './support/project-files';

const TENANT = '6f1e6b5c-0000-4000-8000-000000000001';
const IDENTITY = '6f1e6b5c-0000-4000-8000-000000000002';

/** The app setting lines of the Web App, by name, exactly as written in the Bicep file. */
function appSettingValue(bicep: string, name: string): string | undefined {
  return new RegExp(`\\{ name: '${name}', value: (.+) \\}`).exec(bicep)?.[1];
}

describe('deploy files and the production default of fresh sign-in', () => {
  const bicep = read('infra/azure.bicep');

  it('passes OAUTH_CONNECTION_NAME from a parameter that env/.env.dev and the parameters file fill', () => {
    assert.equal(appSettingValue(bicep, 'OAUTH_CONNECTION_NAME'), 'oauthConnectionName');
    assert.ok(bicepParams(bicep).some((p) => p.name === 'oauthConnectionName' && p.hasDefault));
    const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };
    assert.equal(parameters.parameters['oauthConnectionName']?.value, '${{OAUTH_CONNECTION_NAME}}');
    assert.ok(readEnv('env/.env.dev').has('OAUTH_CONNECTION_NAME'));
  });

  it("sets REQUIRE_FRESH_SIGNIN explicitly: 'false' without an OAuth connection, 'true' with one", () => {
    assert.equal(appSettingValue(bicep, 'NODE_ENV'), "'production'");
    assert.equal(appSettingValue(bicep, 'REQUIRE_FRESH_SIGNIN'), "empty(oauthConnectionName) ? 'false' : 'true'");
  });

  // The settings the Web App gets for both parameter values (empty values are filtered out in Bicep).
  const deployed = (connection: string): Record<string, string> => ({
    NODE_ENV: 'production',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppId: IDENTITY,
    MicrosoftAppTenantId: TENANT,
    AZURE_TENANT_ID: TENANT,
    AZURE_CLIENT_ID: IDENTITY,
    USE_MANAGED_IDENTITY: 'true',
    STORE: 'azure-table',
    AZURE_STORAGE_ACCOUNT_URL: 'https://pinresetabc.table.core.windows.net',
    ...(connection ? { OAUTH_CONNECTION_NAME: connection } : {}),
    REQUIRE_FRESH_SIGNIN: connection ? 'true' : 'false',
  });

  it('starts with those settings without an OAuth connection (gate off, explicitly)', () => {
    assert.deepEqual(loadConfig(deployed('')).freshSignIn, { required: false });
  });

  it('starts with those settings with an OAuth connection (gate on)', () => {
    assert.equal(loadConfig(deployed('TeamsSso')).freshSignIn.required, true);
  });
});
