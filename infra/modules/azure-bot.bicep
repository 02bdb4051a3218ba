// The Azure Bot registration and its Microsoft Teams channel. The bot service itself is global;
// only the App Service behind the messaging endpoint has a region.

@description('Bot handle: globally unique, letters, digits, hyphens, underscores and periods.')
param name string

@description('Name shown in the Azure portal and in the Bot Framework channel list.')
param displayName string

@allowed(['F0', 'S1'])
@description('F0 is free and enough for Teams; S1 is for premium channels, which this bot does not use.')
param sku string = 'F0'

@description('https://<host>/api/messages')
param messagingEndpoint string

@allowed(['UserAssignedMSI', 'SingleTenant'])
param appType string

@description('Client id of the user-assigned managed identity (UserAssignedMSI) or of the app registration (SingleTenant).')
param appId string

@description('Tenant of that identity; Teams users of other tenants cannot reach a single-tenant or managed-identity bot.')
param appTenantId string

@description('Resource id of the user-assigned managed identity; ignored for SingleTenant.')
param managedIdentityResourceId string = ''

@allowed(['CommercialDeployment', 'GCCModerateDeployment'])
@description('Teams channel cloud: CommercialDeployment for the public cloud, GCCModerateDeployment for GCC.')
param teamsDeploymentEnvironment string = 'CommercialDeployment'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: appTenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? managedIdentityResourceId : null
    // Turns off the channel secrets (Direct Line, Web Chat keys): Teams never uses them.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
      deploymentEnvironment: teamsDeploymentEnvironment
    }
  }
}

output name string = bot.name
