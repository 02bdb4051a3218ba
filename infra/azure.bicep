// Azure resources of the PIN reset bot, deployed into one resource group:
//
//   user-assigned managed identity  the bot's Bot Framework identity (UserAssignedMSI), its Graph
//                                   identity (USE_MANAGED_IDENTITY) and its Table Storage identity
//   App Service plan + Web App      Linux, Node 24 LTS, `npm start`, GET /healthz health check
//   Storage account                 the Table store; shared keys off, Entra ID only
//   role assignment                 Storage Table Data Contributor for the identity on that account
//   Azure Bot + Teams channel       messaging endpoint https://<app>.azurewebsites.net/api/messages
//
// Nothing here takes or returns a key, a password or a connection string, except botAppPassword
// for the optional SingleTenant bot registration. Graph application permissions are not granted
// here: an administrator grants them to the identity (README, "Grant Graph permissions").
//
// `atk provision --env dev` deploys this file with azure.parameters.json and writes the outputs
// (upper-case names) into env/.env.dev. Without the toolkit:
//   az deployment group create -g <group> -f infra/azure.bicep -p resourceBaseName=<name> ...

@description('Base of every resource name: lowercase letters and digits, 4 to 20 characters. The Web App becomes <resourceBaseName>.azurewebsites.net, so it must be globally unique.')
@minLength(4)
@maxLength(20)
param resourceBaseName string

param location string = resourceGroup().location

@description('Name of the Azure Bot in the Azure portal.')
param botDisplayName string = 'PIN Reset'

@allowed(['UserAssignedMSI', 'SingleTenant'])
@description('UserAssignedMSI: the managed identity below is the bot identity and no secret exists. SingleTenant: an Entra app registration (botAppId, botAppPassword) is the bot identity; Graph and Table Storage still use the managed identity.')
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: Application (client) ID of the bot app registration.')
param botAppId string = ''

@secure()
@description('SingleTenant only: a client secret of that app registration. Never commit it; pass it on the command line or from a pipeline secret.')
param botAppPassword string = ''

@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

@allowed(['CommercialDeployment', 'GCCModerateDeployment'])
param teamsDeploymentEnvironment string = 'CommercialDeployment'

@description('App Service plan SKU; empty means B1. Basic or higher: the bot needs Always On for its outbox and result polling.')
param appServicePlanSku string = 'B1'

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'

// --- Bot settings (README, "Settings"). An empty value is left out, so the bot uses its default. ---

@description('STORE: where requests, audit and outbox live; empty means azure-table (the Storage account below).')
param store string = 'azure-table'

@description('HELPDESK_GROUP_ID: Entra group whose members may approve.')
param helpdeskGroupId string = ''

@description('HELPDESK_CHANNEL_ID: optional preset of the approval channel.')
param helpdeskChannelId string = ''

@description('HELPDESK_LOCALE: en or zh-TW.')
param helpdeskLocale string = ''

@description('APPROVAL_POLICY: none, all, or a list of platforms.')
param approvalPolicy string = ''

@description('APPROVAL_TTL, e.g. 24h.')
param approvalTtl string = ''

@description('MANAGER_APPROVAL: true or false.')
param managerApproval string = ''

@description('NOTIFY_MANAGER: true or false.')
param notifyManager string = ''

@description('TEAMS_APP_ID: the manifest id, to look up the org-catalog id.')
param teamsAppId string = ''

@description('TEAMS_APP_CATALOG_ID: the org-catalog id, to install the app for managers.')
param teamsAppCatalogId string = ''

@description('ALLOWED_TENANT_IDS: comma-separated; default the tenant of this deployment.')
param allowedTenantIds string = ''

@description('LOG_LEVEL: debug, info, warn, error or silent.')
param logLevel string = ''

@description('AZURE_AUTHORITY_HOST: only for national clouds.')
param authorityHost string = ''

@description('GRAPH_ENDPOINT: only for national clouds.')
param graphEndpoint string = ''

@description('OAUTH_CONNECTION_NAME: the Azure Bot OAuth connection for the fresh sign-in before a passcode action (README, "Fresh sign-in"). Empty: REQUIRE_FRESH_SIGNIN=false is set explicitly and the bot logs a warning.')
param oauthConnectionName string = ''

var tenantId = subscription().tenantId
// The toolkit passes an unset env value as '', which would override a parameter default.
var planSku = empty(appServicePlanSku) ? 'B1' : appServicePlanSku
var storeSetting = empty(store) ? 'azure-table' : store
var baseName = toLower(resourceBaseName)
// 3-24 lowercase letters and digits, globally unique.
var storageAccountName = take('${replace(baseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
// https://<account>.table.core.windows.net, without the trailing slash the endpoint comes with.
var tableEndpointAsListed = storage.properties.primaryEndpoints.table
var tableEndpoint = endsWith(tableEndpointAsListed, '/') ? take(tableEndpointAsListed, length(tableEndpointAsListed) - 1) : tableEndpointAsListed
// Built-in role "Storage Table Data Contributor": read, write and delete tables and entities.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    // Entra ID only: no account keys, no SAS signed with them, no connection strings.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    // Set, so the assignment does not wait for the new identity to replicate through Entra ID.
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: planSku
  }
  properties: {
    reserved: true
  }
}

var botIdentitySettings = botAppType == 'UserAssignedMSI'
  ? [
      { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
      { name: 'MicrosoftAppId', value: identity.properties.clientId }
      { name: 'MicrosoftAppTenantId', value: tenantId }
    ]
  : [
      { name: 'MicrosoftAppType', value: 'SingleTenant' }
      { name: 'MicrosoftAppId', value: botAppId }
      { name: 'MicrosoftAppPassword', value: botAppPassword }
      { name: 'MicrosoftAppTenantId', value: tenantId }
    ]

var botSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'LOG_LEVEL', value: logLevel }
  // Graph app-only through the same managed identity.
  { name: 'AZURE_TENANT_ID', value: tenantId }
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  { name: 'USE_MANAGED_IDENTITY', value: 'true' }
  { name: 'AZURE_AUTHORITY_HOST', value: authorityHost }
  { name: 'GRAPH_ENDPOINT', value: graphEndpoint }
  { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
  { name: 'STORE', value: storeSetting }
  { name: 'AZURE_STORAGE_ACCOUNT_URL', value: tableEndpoint }
  { name: 'HELPDESK_GROUP_ID', value: helpdeskGroupId }
  { name: 'HELPDESK_CHANNEL_ID', value: helpdeskChannelId }
  { name: 'HELPDESK_LOCALE', value: helpdeskLocale }
  { name: 'APPROVAL_POLICY', value: approvalPolicy }
  { name: 'APPROVAL_TTL', value: approvalTtl }
  { name: 'MANAGER_APPROVAL', value: managerApproval }
  { name: 'NOTIFY_MANAGER', value: notifyManager }
  { name: 'TEAMS_APP_ID', value: teamsAppId }
  { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
  // In production the fresh sign-in is on by default and the bot refuses to start without an
  // OAuth connection: name one, or turn the gate off in so many words.
  { name: 'OAUTH_CONNECTION_NAME', value: oauthConnectionName }
  { name: 'REQUIRE_FRESH_SIGNIN', value: empty(oauthConnectionName) ? 'false' : 'true' }
]

// App Service build settings, not bot settings. The deployment zip holds the compiled dist/ and
// package-lock.json but no node_modules (see infra/.webappignore; `npm run package:deploy` builds
// it): the Oryx build on App Service installs the production dependencies and nothing else.
var platformSettings = [
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
  { name: 'ENABLE_ORYX_BUILD', value: 'true' }
  { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev' }
]

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: baseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: filter(concat(botIdentitySettings, botSettings, platformSettings), setting => !empty(setting.value))
    }
  }
}

module azureBot 'modules/azure-bot.bicep' = {
  name: 'azure-bot'
  params: {
    name: baseName
    displayName: botDisplayName
    sku: botServiceSku
    messagingEndpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    appType: botAppType
    appId: botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
    appTenantId: tenantId
    managedIdentityResourceId: identity.id
    teamsDeploymentEnvironment: teamsDeploymentEnvironment
  }
}

// Written into env/.env.<env> by the Agents Toolkit (arm/deploy keeps upper-case names as they are).
output BOT_ID string = botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
output BOT_TENANT_ID string = tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_SERVICE_NAME string = azureBot.outputs.name
output BOT_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
// The identity's service principal (object id): Graph app roles are assigned to this id.
output BOT_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output AZURE_STORAGE_ACCOUNT_URL string = tableEndpoint
