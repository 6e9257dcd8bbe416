using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Reporting.Storage.Tests;

public sealed class StorageRegistrationTests
{
    private static ServiceProvider Register(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Storage:" + s.Key, s.Value)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        return builder.Services.BuildServiceProvider();
    }

    private static List<string> Invalid(StorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames).Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void DevelopmentStorageMeansTheLocalEmulatorWithItsKey()
    {
        using var services = Register(("ConnectionString", "UseDevelopmentStorage=true"));

        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), blobs.Uri);
        Assert.True(blobs.CanGenerateAccountSasUri, "A client made from a connection string signs with the account key.");
    }

    [Fact]
    public void AnAccountNameMeansTokensForThatAccountsPublicEndpointsAndNoKey()
    {
        using var services = Register(("AccountName", "reportingprod"), ("ConnectionString", "UseDevelopmentStorage=true"));

        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("https://reportingprod.table.core.windows.net/"), tables.Uri);
        Assert.Equal(new Uri("https://reportingprod.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal(new Uri("https://reportingprod.queue.core.windows.net/"), services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri);
        Assert.False(blobs.CanGenerateAccountSasUri, "A client with a token credential holds no key.");
    }

    [Fact]
    public void ExplicitEndpointsAreUsedAsGiven()
    {
        using var services = Register(("TableEndpoint", "https://127.0.0.1:10002/devstoreaccount1"), ("BlobEndpoint", "https://127.0.0.1:10000/devstoreaccount1"),
            ("QueueEndpoint", "https://127.0.0.1:10001/devstoreaccount1"));

        Assert.Equal(new Uri("https://127.0.0.1:10002/devstoreaccount1"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://127.0.0.1:10000/devstoreaccount1"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://127.0.0.1:10001/devstoreaccount1"), services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri);
    }

    [Fact]
    public void EntraIdSettingsThatCannotWorkAreRefusedNamingTheirFields()
    {
        Assert.Equal(["BlobEndpoint", "QueueEndpoint", "TableEndpoint"], Invalid(new StorageOptions { TableEndpoint = new Uri("https://acct.table.core.windows.net") }));
        Assert.Equal(["BlobEndpoint", "QueueEndpoint", "TableEndpoint"], Invalid(new StorageOptions { TableEndpoint = new Uri("https://acct.table.core.windows.net"), BlobEndpoint = new Uri("https://acct.blob.core.windows.net") }));
        Assert.Equal(["BlobEndpoint", "QueueEndpoint", "TableEndpoint"], Invalid(new StorageOptions
        {
            TableEndpoint = new Uri("http://acct.table.core.windows.net"), BlobEndpoint = new Uri("http://acct.blob.core.windows.net"), QueueEndpoint = new Uri("http://acct.queue.core.windows.net"),
        }));
        Assert.Equal(["AccountName", "TableEndpoint"], Invalid(new StorageOptions
        {
            AccountName = "acct", TableEndpoint = new Uri("https://a.table.core.windows.net"), BlobEndpoint = new Uri("https://a.blob.core.windows.net"), QueueEndpoint = new Uri("https://a.queue.core.windows.net"),
        }));
        Assert.Equal(["AccountName"], Invalid(new StorageOptions { AccountName = "Not_An_Account" }));
        Assert.Equal(["ReadPageSize"], Invalid(new StorageOptions { ReadPageSize = 1001 }));
        Assert.Empty(Invalid(new StorageOptions { AccountName = "acct" }));
    }

    [Fact]
    public void InvalidSettingsStopTheStartNamingTheSetting()
    {
        using var services = Register(("AccountName", "Not_An_Account"));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("AccountName", refused.Message, StringComparison.Ordinal);
    }
}
