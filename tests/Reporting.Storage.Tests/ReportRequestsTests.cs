using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

[Collection(AzuriteTests.Name)]
public sealed class ReportRequestsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 15, TimeSpan.FromHours(1));

    public static TheoryData<ReportScope> Scopes() =>
    [
        new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3)),
        new ReportScope("CHW", ReportPeriod.ForQuarter(2022, 4), Language: ReportLanguage.Fr, SplitBrussels: true),
        new ReportScope("PGBM", ReportPeriod.ForYear(2021), Municipality: "21015", Unsuppressed: true, Language: ReportLanguage.En),
        new ReportScope("GA", ReportPeriod.ForRange(new DateOnly(2022, 1, 17), new DateOnly(2022, 6, 30)), Campaign: "energy-2022"),
    ];

    [Theory]
    [MemberData(nameof(Scopes))]
    public void AMessageHoldsEveryPartOfTheScopeAndWhenItWasAsked(ReportScope scope)
    {
        var request = new ReportRequest(scope, At);

        Assert.Equal(request, ReportRequests.Parse(ReportRequests.Serialize(request)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"programme\":\"BAR\",\"kind\":\"Fortnight\",\"from\":\"2022-03-01\",\"to\":\"2022-03-14\",\"language\":\"Nl\",\"requestedAt\":\"2026-12-01T09:30:00Z\"}")]
    [InlineData("{\"programme\":\"BAR\",\"kind\":\"Month\",\"from\":\"1 March\",\"to\":\"2022-03-31\",\"language\":\"Nl\",\"requestedAt\":\"2026-12-01T09:30:00Z\"}")]
    public void AMessageThatHoldsNoReportRequestIsNone(string message)
    {
        Assert.Null(ReportRequests.Parse(message));
    }

    [Fact]
    public async Task ARequestIsSentBase64EncodedAsTheFunctionsHostReadsItToTheConfiguredQueue()
    {
        var name = AzuriteFixture.UniquePrefix().ToLowerInvariant() + "-requests";
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReportRequests.Setting] = name }).Build();
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions(StorageRegistration.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });
        var requests = new ReportRequests(queues, settings);
        var sent = 0;
        requests.Sent += () => sent++;
        var request = new ReportRequest(new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3)), At);

        await requests.SendAsync(request);

        Assert.Equal(1, sent);
        Assert.Equal(name, requests.Queue.Name);
        Assert.Equal(name + "-poison", requests.Poison.Name);
        // Read without decoding: the raw text is base64 of the JSON.
        var raw = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions(StorageRegistration.QueueServiceVersion));
        var message = (await raw.ReceiveMessageAsync()).Value;
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        Assert.Equal(request, ReportRequests.Parse(json));
        Assert.True((await requests.Poison.ExistsAsync()).Value);
        Assert.Equal(ReportRequests.DefaultName, ReportRequests.NameIn(new ConfigurationBuilder().Build()));
    }
}
