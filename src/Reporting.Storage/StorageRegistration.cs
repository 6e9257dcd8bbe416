using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Reporting.Domain;

namespace Reporting.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The newest Blob service version the local emulator (Azurite 3.37) serves; Azure serves it too. See
    /// docs/decisions/0003-blob-service-version.md.
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>The same for the Queue service (the report requests).</summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>
    /// The storage clients (from the <c>Storage</c> settings, see <see cref="StorageOptions"/>) and the stores on
    /// them: records, report index, audit log, workbooks, reports' reading.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => Credential(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            clients.ConfigureDefaults(Retry);
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                clientOptions.AddPolicy(MissingSetupPolicy.Instance, HttpPipelinePosition.PerCall);
                return storage.UsesEntraId
                    ? new TableServiceClient(storage.Endpoints().Table, credential, clientOptions)
                    : new TableServiceClient(storage.ConnectionString, clientOptions);
            });
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                // The service version is fixed when the options are made, so these are made here.
                var clientOptions = new BlobClientOptions(BlobServiceVersion);
                Retry(clientOptions);
                clientOptions.AddPolicy(MissingSetupPolicy.Instance, HttpPipelinePosition.PerCall);
                return storage.UsesEntraId
                    ? new BlobServiceClient(storage.Endpoints().Blob, credential, clientOptions)
                    : new BlobServiceClient(storage.ConnectionString, clientOptions);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                // The Functions host's queue trigger reads messages as base64 (its default messageEncoding).
                var clientOptions = new QueueClientOptions(QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 };
                Retry(clientOptions);
                clientOptions.AddPolicy(MissingSetupPolicy.Instance, HttpPipelinePosition.PerCall);
                return storage.UsesEntraId
                    ? new QueueServiceClient(storage.Endpoints().Queue, credential, clientOptions)
                    : new QueueServiceClient(storage.ConnectionString, clientOptions);
            });
        });
        builder.Services.AddSingleton(ReferenceCatalog.Current);
        builder.Services.AddSingleton<ReportRequests>();
        builder.Services.AddSingleton(sp => new RecordStore<LogbookEntry>(RecordMappings.Entries, sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ReferenceData>()));
        builder.Services.AddSingleton(sp => new RecordStore<CollectiveActivity>(RecordMappings.Activities, sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ReferenceData>()));
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<ReportIndex>();
        builder.Services.AddSingleton<ReportSource>();
        builder.Services.AddSingleton<WorkbookStore>();
        builder.Services.AddSingleton<StorageProbe>();
        return builder;
    }

    /// <summary>
    /// A few quick retries with exponential backoff: a form gets its answer (or a 503 to send again) within
    /// seconds, not after the SDK's default minutes.
    /// </summary>
    private static void Retry(ClientOptions options)
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// Whose tokens the clients send when the settings name no key: the app's managed identity in Azure, or a
    /// developer's own sign-in locally. Made whatever the settings, asked for tokens only when they are used.
    /// </summary>
    private static TokenCredential Credential(StorageOptions options) => options.Credential switch
    {
        StorageCredential.Developer => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ExcludeManagedIdentityCredential = true,
            ExcludeWorkloadIdentityCredential = true,
        }),
        _ => new ManagedIdentityCredential(string.IsNullOrEmpty(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId)),
    };
}
