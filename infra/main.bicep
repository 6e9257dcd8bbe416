// The Reporting Functions app on Azure Functions Flex Consumption (FC1, Linux, .NET 10 isolated worker): one
// storage account for the host and the data (shared-key access off), a user-assigned managed identity with only
// the data roles it needs, Application Insights on Log Analytics, and App Service authentication with the app
// roles Coordinator.X, Funder.X, FieldWorker.X (X: a programme code). Deployed by `azd up` (azure.yaml) or
// `az deployment group create --template-file infra/main.bicep`.
targetScope = 'resourceGroup'

@description('Name of the environment (azd sets it); it goes into every resource name.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Where the resources are made.')
param location string = resourceGroup().location

@description('The client id of the Entra ID app registration whose app roles (Coordinator.BAR, Funder.CHW, FieldWorker.BAR, ...) say who may do what. Empty: no sign-in is configured, and nobody can call the API until it is.')
param authClientId string = ''

@description('Counts from 1 to this minus 1 are hidden in funders\' workbooks.')
@minValue(2)
@maxValue(100)
param smallCellThreshold int = 5

@description('Requests one caller may make per minute.')
@minValue(1)
param requestsPerMinute int = 600

@description('When the timers run (NCRONTAB, UTC): monthly, quarterly and yearly reports of the periods that have closed.')
param monthlyReportsSchedule string = '0 0 2 1 * *'
param quarterlyReportsSchedule string = '0 20 2 1 1,4,7,10 *'
param yearlyReportsSchedule string = '0 40 2 1 1 *'

@description('The most instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var storageName = take('streporting${token}', 24)
var deploymentContainer = 'app-package-${take(token, 8)}'
var reportQueue = 'report-requests'

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-reporting-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-reporting-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: false
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-reporting-${token}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: deploymentContainer
}

resource reports 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: 'reports'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource requestQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queues
  name: reportQueue
}

resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queues
  name: '${reportQueue}-poison'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

// The tables the app writes (it would make them on first use too).
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [for table in ['Entries', 'Activities', 'Reports', 'ReportEditions', 'Audit']: {
  parent: tableService
  name: table
}]

// The data roles, and nothing more: the host's deployment package (Blob Data Owner on its container only), the
// workbooks and the host's own blobs (Blob Data Contributor), the report queue (Queue Data Contributor), the
// records, the report index and the audit trail (Table Data Contributor).
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource packageOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: packages
  name: guid(packages.id, identity.id, roles.blobDataOwner)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
  }
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [roles.blobDataContributor, roles.queueDataContributor, roles.tableDataContributor]: {
  scope: storage
  name: guid(storage.id, identity.id, role)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-reporting-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: 'func-reporting-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The host's own storage, reached with the managed identity (no key).
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // The app's data: the same account, with the same identity.
        { name: 'Storage__AccountName', value: storage.name }
        { name: 'Storage__Credential', value: 'ManagedIdentity' }
        { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
        { name: 'Storage__WorkbookContainer', value: reports.name }
        { name: 'ReportQueue', value: requestQueue.name }
        { name: 'MonthlyReportsSchedule', value: monthlyReportsSchedule }
        { name: 'QuarterlyReportsSchedule', value: quarterlyReportsSchedule }
        { name: 'YearlyReportsSchedule', value: yearlyReportsSchedule }
        { name: 'Reports__SmallCellThreshold', value: string(smallCellThreshold) }
        { name: 'Access__RequestsPerMinute', value: string(requestsPerMinute) }
        // Callers are the principals App Service authentication signed in; no API keys are configured in Azure.
        { name: 'Access__TrustClientPrincipal', value: string(!empty(authClientId)) }
      ]
    }
  }
  dependsOn: [
    packageOwner
    dataRoles
  ]
}

// App Service authentication: every call but the health check and the API description (with its reference page)
// needs a signed-in principal of the app registration;
// its app roles reach the app in the client-principal header.
resource auth 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [ '/api/health', '/api/openapi.json', '/api/docs', '/api/docs/scalar.js' ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ 'api://${authClientId}', authClientId ]
        }
      }
    }
  }
}

output AZURE_FUNCTION_APP_NAME string = app.name
output SERVICE_API_ENDPOINT string = 'https://${app.properties.defaultHostName}/api'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
