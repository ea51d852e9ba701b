// Azure resources for one environment of the CSP Partner Bot, deployed by the Microsoft 365 Agents Toolkit
// (m365agents.yml, arm/deploy) with infra/azure.parameters.json. Outputs written in UPPER_CASE are saved by
// the toolkit into env/.env.<env>.
//
//   App Service (Linux, Node 20)  builds on deploy (npm install, npm run build), runs `npm run start:prod`
//                                 (migrations, then the compiled bot); /readyz is its health check
//   user-assigned identity        the app's identity towards Key Vault (Key Vault references)
//   Key Vault (RBAC)              the bot's client secret, the data encryption key, the database URL, SMTP
//   PostgreSQL flexible server    the database (several instances can share it; README "Running on PostgreSQL")
//   Azure Bot + Teams channel     single-tenant registration of the Entra app created by aadApp/create
//
// Every app setting in `botSettings` is a variable src/config.ts reads (test/unit/toolkit checks it).

@minLength(4)
@maxLength(16)
@description('Prefix of every resource name: lower-case letters and digits, starting with a letter.')
param resourceBaseName string

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string

@description('Client id of the Entra app registration (aadApp/create): the bot, the tab SSO audience and the invitation page client.')
param botAadAppClientId string

@secure()
@description('Client secret of that registration (MicrosoftAppPassword and OIDC_CLIENT_SECRET).')
param botAadAppClientSecret string

@description('Home tenant of the registration: the single-tenant Azure Bot, and where program administrators get proactive messages.')
param botAadAppTenantId string

@secure()
@description('DATA_ENCRYPTION_KEY: base64 of 32 random bytes. Never change it once data is stored.')
param dataEncryptionKey string

@secure()
param postgresAdminPassword string

param postgresAdminLogin string = 'cspbotadmin'
param postgresDatabaseName string = 'cspbot'
param postgresVersion string = '15'
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'
param postgresStorageSizeGB int = 32

@description('App Service plan SKU (B1 or higher: Always On and the health check need it).')
param webAppSku string = 'B1'

@description('PROGRAM_ADMINS: comma-separated Entra object ids of the program administrators.')
param programAdmins string = ''

@allowed([
  'en-US'
  'ko-KR'
])
param defaultLocale string = 'en-US'

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@secure()
@description('SMTP_URL (smtp:// or smtps://). Empty: mails are written as .eml files under /home/data/mail.')
param smtpUrl string = ''

param mailFrom string = 'CSP Partner Bot <no-reply@csp-bot.invalid>'

@description('PROGRAM_CHANNEL_ID and PROGRAM_CHANNEL_SERVICE_URL: the program team channel for review cards (optional).')
param programChannelId string = ''
param programChannelServiceUrl string = ''

// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${resourceBaseName}-pg'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 is Azure's "allow connections from Azure services" rule. App Service's outbound addresses are
// only known after deployment; a VNet-integrated app with a private server is the stricter set-up.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'microsoft-app-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource dataKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'data-encryption-key'
  properties: {
    value: dataEncryptionKey
  }
}

// verify-full: src/data/database-url.ts then checks the server's certificate (Azure's is publicly trusted).
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgresql://${postgresAdminLogin}:${postgresAdminPassword}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabase.name}?sslmode=verify-full'
  }
}

resource smtpUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpUrl)) {
  parent: keyVault
  name: 'smtp-url'
  properties: {
    value: smtpUrl
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
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
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

var publicBaseUrl = 'https://${webApp.properties.defaultHostName}'

// App Service settings that are not the bot's: after a zip deploy, its build (Oryx) runs `npm install` and
// `npm run build` on Linux, so better-sqlite3 is compiled for the server and dist/ is built there.
var platformSettings = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
}

// The bot's environment (src/config.ts). Secrets are Key Vault references, resolved by App Service with the
// user-assigned identity; their values never appear in the site's configuration. PORT is set by App Service.
var botSettings = {
  MicrosoftAppId: botAadAppClientId
  MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppTenantId: botAadAppTenantId
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
  DATA_ENCRYPTION_KEY: '@Microsoft.KeyVault(SecretUri=${dataKeySecret.properties.secretUri})'
  PUBLIC_BASE_URL: publicBaseUrl
  LOG_LEVEL: logLevel
  DEFAULT_LOCALE: defaultLocale
  PROGRAM_ADMINS: programAdmins
  PROGRAM_CHANNEL_ID: programChannelId
  PROGRAM_CHANNEL_SERVICE_URL: programChannelServiceUrl
  SMTP_URL: empty(smtpUrl) ? '' : '@Microsoft.KeyVault(SecretUri=${smtpUrlSecret.properties.secretUri})'
  MAIL_FROM: mailFrom
  MAIL_DIR: '/home/data/mail'
  OIDC_ISSUER: 'https://login.microsoftonline.com/organizations/v2.0'
  OIDC_CLIENT_ID: botAadAppClientId
  OIDC_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(platformSettings, botSettings)
  // The identity must be able to read the secrets before the app resolves its references.
  dependsOn: [
    identityReadsSecrets
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicBaseUrl}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botAadAppTenantId
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
    }
  }
}

output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = publicBaseUrl
output AZURE_KEY_VAULT_NAME string = keyVault.name
output AZURE_POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
