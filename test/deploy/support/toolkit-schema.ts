// The actions this project uses, as the Microsoft 365 Agents Toolkit's yaml schema v1.11 defines
// them (https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json): which `with` inputs each
// requires and allows, and which outputs it can write to the env file. A stand-in for validating
// against the schema itself, which is not part of this repository.
import type { Action } from './project-files';

interface ActionSpec {
  required: string[];
  optional: string[];
  /** Output keys of writeToEnvironmentFile; undefined = the action writes nothing. */
  outputs?: { required: string[]; optional: string[] };
}

export const ACTIONS: Record<string, ActionSpec> = {
  'teamsApp/create': { required: ['name'], optional: [], outputs: { required: ['teamsAppId'], optional: [] } },
  'aadApp/create': {
    required: ['name', 'generateClientSecret', 'signInAudience'],
    optional: ['generateServicePrincipal', 'serviceManagementReference', 'clientSecretExpireDays', 'clientSecretDescription', 'uniqueName'],
    outputs: { required: ['clientId', 'objectId'], optional: ['clientSecret', 'tenantId', 'authority', 'authorityHost'] },
  },
  'botFramework/create': { required: ['botId', 'name', 'messagingEndpoint'], optional: ['description', 'iconUrl', 'channels'] },
  'arm/deploy': { required: ['subscriptionId', 'resourceGroupName', 'templates'], optional: ['bicepCliVersion'] },
  'teamsApp/validateManifest': { required: ['manifestPath'], optional: [] },
  'teamsApp/zipAppPackage': { required: ['manifestPath', 'outputZipPath', 'outputFolder'], optional: [] },
  'teamsApp/validateAppPackage': { required: ['appPackagePath'], optional: [] },
  'teamsApp/update': { required: ['appPackagePath'], optional: [] },
  'teamsApp/publishAppPackage': { required: ['appPackagePath'], optional: [], outputs: { required: ['publishedAppId'], optional: [] } },
  'cli/runNpmCommand': { required: ['args'], optional: ['workingDirectory'] },
  'azureAppService/zipDeploy': {
    required: ['artifactFolder', 'resourceId'],
    optional: ['workingDirectory', 'ignoreFile', 'dryRun', 'outputZipFile'],
  },
  'file/createOrUpdateEnvironmentFile': { required: ['envs', 'target'], optional: [] },
  script: { required: ['run'], optional: ['workingDirectory', 'shell', 'timeout', 'redirectTo'] },
};

const ENV_VAR_NAME = /^[A-Z][A-Z0-9_]*$/;
const SECRET_ENV_VAR_NAME = /^SECRET_[A-Z0-9_]+$/;

/** What the v1.11 schema would refuse in one action, worded for a test failure. */
export function schemaProblems(action: Action, where: string): string[] {
  const spec = ACTIONS[action.uses];
  if (!spec) return [`${where}: "${action.uses}" is not an action this project expects`];
  const problems: string[] = [];
  for (const key of Object.keys(action)) {
    if (!['uses', 'name', 'env', 'with', 'writeToEnvironmentFile'].includes(key)) problems.push(`${where}: unknown key "${key}"`);
  }
  const inputs = Object.keys(action.with ?? {});
  for (const key of spec.required) if (!inputs.includes(key)) problems.push(`${where}: with.${key} is required`);
  for (const key of inputs) if (![...spec.required, ...spec.optional].includes(key)) problems.push(`${where}: with.${key} is not an input of ${action.uses}`);

  const outputs = action.writeToEnvironmentFile;
  if (!spec.outputs) {
    if (outputs) problems.push(`${where}: ${action.uses} writes nothing to the env file`);
    return problems;
  }
  const written = Object.keys(outputs ?? {});
  const required = [...spec.outputs.required, ...(action.with?.generateClientSecret === true ? ['clientSecret'] : [])];
  for (const key of required) if (!written.includes(key)) problems.push(`${where}: writeToEnvironmentFile.${key} is required`);
  for (const [key, name] of Object.entries(outputs ?? {})) {
    if (![...spec.outputs.required, ...spec.outputs.optional].includes(key)) problems.push(`${where}: writeToEnvironmentFile.${key} is not an output of ${action.uses}`);
    const pattern = key === 'clientSecret' ? SECRET_ENV_VAR_NAME : ENV_VAR_NAME;
    if (!pattern.test(name)) problems.push(`${where}: ${name} does not match ${pattern}`);
  }
  return problems;
}
