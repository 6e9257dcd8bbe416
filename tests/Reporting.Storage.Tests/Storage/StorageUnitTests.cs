using System.ComponentModel.DataAnnotations;
using Azure.Core;

namespace Reporting.Storage.Tests;

public sealed class StorageUnitTests
{
    [Fact]
    public void FilterValuesAreQuotedAndTheirQuotesDoubled()
    {
        var value = "Gare de l'Ouest";

        Assert.Equal("Name eq 'Gare de l''Ouest' and Count gt 3", TableFilter.Create($"Name eq {value} and Count gt {3}"));
    }

    [Fact]
    public void AValueCannotChangeTheShapeOfAFilter()
    {
        var hostile = "x' or PartitionKey ne '";

        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne '''", TableFilter.Create($"PartitionKey eq {hostile}"));
    }

    [Fact]
    public void FilterLiteralsHaveTheirODataForms()
    {
        Assert.Equal("12L", TableFilter.Literal(12L));
        Assert.Equal("true", TableFilter.Literal(true));
        Assert.Equal("datetime'2022-03-14T10:00:00.0000000Z'", TableFilter.Literal(new DateTimeOffset(2022, 3, 14, 11, 0, 0, TimeSpan.FromHours(1))));
        Assert.Equal("guid'3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93'", TableFilter.Literal(Guid.Parse("3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93")));
    }

    [Fact]
    public void DevelopmentStorageMeansTheLocalEmulator()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
    }

    [Fact]
    public void AnAccountConnectionStringGivesTheAccountsEndpoints()
    {
        var connection = StorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=reportingprod;AccountKey=a2V5;EndpointSuffix=core.windows.net");

        Assert.Equal("reportingprod", connection.AccountName);
        Assert.Equal(new Uri("https://reportingprod.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://reportingprod.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Equal("key"u8.ToArray(), connection.AccountKey);
    }

    [Fact]
    public void AConnectionStringWithoutKeyIsRefused()
    {
        Assert.Throws<FormatException>(() => StorageConnection.Parse("AccountName=x"));
    }

    [Fact]
    public void TheConnectionNeverPrintsItsKey()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.DoesNotContain(StorageConnection.DevelopmentAccountKey, connection.ToString());
    }

    [Fact]
    public void RecordsOfOneProgrammeAndMonthShareAPartition()
    {
        Assert.Equal("BAR-2022-03", RecordPartitions.PartitionOf("BAR", new DateOnly(2022, 3, 1)));
        Assert.Equal("BAR-2022-03", RecordPartitions.PartitionOf("BAR", new DateOnly(2022, 3, 31)));
        Assert.Equal("CHW-2022-04", RecordPartitions.PartitionOf("CHW", new DateOnly(2022, 4, 1)));
    }

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }

    private static List<string> Invalid(StorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames).Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void AnAccountNameMeansEntraIdTokensForThatAccountsPublicEndpointsAndNoKey()
    {
        var options = new StorageOptions { AccountName = "reportingprod" };
        var credential = new NoCredential();

        var connection = options.Connect(() => credential);

        Assert.Empty(Invalid(options));
        Assert.Equal(new Uri("https://reportingprod.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://reportingprod.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Equal("reportingprod", connection.AccountName);
        Assert.Null(connection.AccountKey);
        Assert.Same(credential, connection.Credential);
    }

    [Fact]
    public void WithoutAnAccountNameOrEndpointsTheConnectionStringsKeyIsUsedAndNoTokenIsAskedFor()
    {
        var options = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" };

        var connection = options.Connect(() => throw new InvalidOperationException("No token may be asked for."));

        Assert.NotNull(connection.AccountKey);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void ExplicitEndpointsNameTheAccountByTheirHostOrForAnEmulatorByTheirPath()
    {
        var azure = new StorageOptions { TableEndpoint = new Uri("https://acct.table.core.windows.net"), BlobEndpoint = new Uri("https://acct.blob.core.windows.net") };
        var emulator = new StorageOptions { TableEndpoint = new Uri("https://127.0.0.1:10002/devstoreaccount1"), BlobEndpoint = new Uri("https://127.0.0.1:10000/devstoreaccount1") };

        Assert.Equal("acct", azure.Connect(() => new NoCredential()).AccountName);
        Assert.Equal("devstoreaccount1", emulator.Connect(() => new NoCredential()).AccountName);
        Assert.Empty(Invalid(azure));
        Assert.Empty(Invalid(emulator));
    }

    [Fact]
    public void EntraIdSettingsThatCannotWorkAreRefusedAtStartNamingTheirFields()
    {
        Assert.Equal(["BlobEndpoint", "TableEndpoint"], Invalid(new StorageOptions { TableEndpoint = new Uri("https://acct.table.core.windows.net") }));
        Assert.Equal(["BlobEndpoint", "TableEndpoint"], Invalid(new StorageOptions { TableEndpoint = new Uri("http://acct.table.core.windows.net"), BlobEndpoint = new Uri("http://acct.blob.core.windows.net") }));
        Assert.Equal(["AccountName", "TableEndpoint"], Invalid(new StorageOptions { AccountName = "acct", TableEndpoint = new Uri("https://a.table.core.windows.net"), BlobEndpoint = new Uri("https://a.blob.core.windows.net") }));
        Assert.Equal(["AccountName"], Invalid(new StorageOptions { AccountName = "Not_An_Account" }));
    }
}
