using Azure;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

[Collection(AzuriteTests.Name)]
public sealed class WorkbookStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnUploadedWorkbookComesBackWithItsBytesLengthAndTypeAndReplacesTheOneBefore()
    {
        var stores = Stores.Create(azurite);
        var first = Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)(i % 251)).ToArray();
        var second = "PK second"u8.ToArray();

        await stores.Workbooks.UploadAsync("BAR/month/BAR_2022-03_nl.xlsx", new MemoryStream(first), "application/x-test");
        await using (var download = await stores.Workbooks.OpenAsync("BAR/month/BAR_2022-03_nl.xlsx"))
        {
            using var copy = new MemoryStream();
            await download!.Content.CopyToAsync(copy);
            Assert.Equal(first, copy.ToArray());
            Assert.Equal((first.Length, "application/x-test"), (download.Length, download.ContentType));
        }
        await stores.Workbooks.UploadAsync("BAR/month/BAR_2022-03_nl.xlsx", new MemoryStream(second), "application/x-test");
        await using var again = await stores.Workbooks.OpenAsync("BAR/month/BAR_2022-03_nl.xlsx");
        using var read = new MemoryStream();
        await again!.Content.CopyToAsync(read);

        Assert.Equal(second, read.ToArray());
        Assert.Null(await stores.Workbooks.OpenAsync("BAR/month/none.xlsx"));
    }

    [Fact]
    public async Task AReportsLockIsHeldByOneAtATimeAndFreeOnceReleased()
    {
        var stores = Stores.Create(azurite);

        var first = await stores.Workbooks.TryLockAsync("BAR_2022-03_nl");
        var second = await stores.Workbooks.TryLockAsync("BAR_2022-03_nl");
        var other = await stores.Workbooks.TryLockAsync("BAR_2022-04_nl");
        await first!.DisposeAsync();
        await other!.DisposeAsync();
        var free = await stores.Workbooks.TryLockAsync("BAR_2022-03_nl");

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(free);
        await free!.DisposeAsync();
        await free.DisposeAsync();
        await using var waited = await stores.Workbooks.LockAsync("BAR_2022-03_nl", TimeSpan.FromSeconds(5), TimeProvider.System);
        Assert.NotNull(waited);
    }

    [Fact]
    public async Task ConcurrentFirstUsesOfALockGiveItToExactlyOne()
    {
        var stores = Stores.Create(azurite);

        var locks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => stores.Workbooks.TryLockAsync("BAR_2022_fr"))));

        Assert.Single(locks, l => l is not null);
        foreach (var l in locks.Where(l => l is not null))
        {
            await l!.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheIndexKeepsAReportsLatestStateAndListsAProgrammesReportsOfAPeriod()
    {
        var stores = Stores.Create(azurite);
        var march = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3));
        var quarter = new ReportScope("BAR", ReportPeriod.ForQuarter(2022, 1), Language: ReportLanguage.Fr);
        var other = new ReportScope("CHW", ReportPeriod.ForMonth(2022, 3));
        var at = new DateTimeOffset(2022, 4, 1, 2, 0, 0, TimeSpan.Zero);

        await stores.Index.SaveAsync(new ReportEntry(march, ReportStatus.Running, null, 0, 0, null, null, null, at, at, null));
        await stores.Index.SaveAsync(new ReportEntry(march, ReportStatus.Ready, null, 12, 3, "BAR/month/x.xlsx", 2048, "abc", at, at.AddMinutes(1), at.AddMinutes(1)));
        await stores.Index.SaveAsync(new ReportEntry(quarter, ReportStatus.Failed, "why", 0, 0, null, null, null, at, at, null));
        await stores.Index.SaveAsync(new ReportEntry(other, ReportStatus.Queued, null, 0, 0, null, null, null, at, at, null));

        var read = await stores.Index.GetAsync(march.Id);
        Assert.Equal((ReportStatus.Ready, 12L, 3L, 2048L, "abc"), (read!.Status, read.Entries, read.Activities, read.Size!.Value, read.Fingerprint));
        Assert.Equal(march, read.Scope);
        Assert.Equal([march.Id], (await stores.Index.ListAsync("BAR", march.Period.Key)).Select(r => r.Id));
        Assert.Equal([march.Id, quarter.Id], (await stores.Index.ListAsync("BAR", null)).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal([other.Id], (await stores.Index.ListUnfinishedAsync()).Select(r => r.Id));
        Assert.Null(await stores.Index.GetAsync("BAR_nonsense"));
    }

    [Fact]
    public async Task TheIndexKeepsWhetherAReportIsProvisionalAndTakesARowWithoutItAsProvisionalWhenMadeBeforeItsPeriodClosed()
    {
        var stores = Stores.Create(azurite);
        var december = new ReportScope("BAR", ReportPeriod.ForMonth(2026, 12));
        var november = new ReportScope("BAR", ReportPeriod.ForMonth(2026, 11));
        var firstOfDecember = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var newYear = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero);

        await stores.Index.SaveAsync(new ReportEntry(december, ReportStatus.Ready, null, 1, 0, "BAR/month/d.xlsx", 10, "f", firstOfDecember, firstOfDecember, firstOfDecember, Provisional: true));
        await stores.Index.SaveAsync(new ReportEntry(november, ReportStatus.Ready, null, 1, 0, "BAR/month/n.xlsx", 10, "f", firstOfDecember, firstOfDecember, firstOfDecember));
        Assert.True((await stores.Index.GetAsync(december.Id))!.Provisional);
        Assert.False((await stores.Index.GetAsync(november.Id))!.Provisional);

        // Rows an earlier version wrote have no Provisional: December made on 1 December is, made on 1 January not.
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(stores.Prefix + "Reports");
        async Task WithoutProvisionalAsync(string id)
        {
            var row = (await table.GetEntityAsync<TableEntity>("BAR", id)).Value;
            Assert.True(row.Remove("Provisional"));
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        }
        await WithoutProvisionalAsync(december.Id);
        await WithoutProvisionalAsync(november.Id);
        Assert.True((await stores.Index.GetAsync(december.Id))!.Provisional);
        Assert.False((await stores.Index.GetAsync(november.Id))!.Provisional);
        await stores.Index.SaveAsync(new ReportEntry(december, ReportStatus.Ready, null, 1, 0, "BAR/month/d.xlsx", 10, "f", firstOfDecember, newYear, newYear));
        await WithoutProvisionalAsync(december.Id);
        Assert.False((await stores.Index.GetAsync(december.Id))!.Provisional);
    }
}
