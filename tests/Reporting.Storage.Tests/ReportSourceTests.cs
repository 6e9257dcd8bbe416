using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

/// <summary>
/// A report reads each partition as one snapshot, even across pages: a record that moves between two months of the
/// period while a partition is read page by page is counted once, not twice and not never.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ReportSourceTests(AzuriteFixture azurite)
{
    private const string Partition = "0";
    private static readonly ReportScope FirstQuarter = new("BAR", ReportPeriod.ForQuarter(2022, 1));

    /// <summary>
    /// Steps in after a page of the report's read of partition 0 that is not its last (storage says more follow),
    /// as another request of another process would: runs the action before the report asks for the next page.
    /// </summary>
    private sealed class BetweenPages(Func<Task> action, int times) : HttpPipelinePolicy
    {
        private int _fired;

        public int Fired => _fired;

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            var query = Uri.UnescapeDataString(message.Request.Uri.Query);
            if (query.Contains($"PartitionKey eq '{Partition}' and RowKey ge 'month:", StringComparison.Ordinal)
                && message.Response.Headers.Contains("x-ms-continuation-NextRowKey")
                && Interlocked.Increment(ref _fired) <= times)
            {
                await action();
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }

    private static async Task<(LogbookEntry Mover, ETag ETag)> StoreAsync(Stores stores, string moverDate, int others)
    {
        // Records of one partition: the mover first in key order within its month, the others in January and March.
        var ids = Enumerable.Range(0, others + 1).Select(_ => Stores.IdIn(Partition)).Order(StringComparer.Ordinal).ToList();
        var mover = Stores.Entry(ids[0], moverDate);
        var created = await stores.Entries.CreateAsync(mover);
        await stores.Entries.CreateManyAsync(ids.Skip(1).Select((id, i) => Stores.Entry(id, i % 2 == 0 ? "2022-01-20" : "2022-03-20")).ToList());
        return (mover, new ETag(created.Stored!.ETag));
    }

    private static async Task<ReportAggregator> ReadAsync(Stores stores)
    {
        var aggregator = new ReportAggregator(FirstQuarter, ReferenceCatalog.Current);
        await stores.Source.ReadAsync(FirstQuarter, aggregator);
        return aggregator;
    }

    /// <summary>
    /// The mover is the first of its month in the partition; pages of three: the first page holds January's first
    /// records, then the mover goes from a month not read yet to one already read (missed without the marker), or
    /// from one already read to one not read yet (counted twice without it).
    /// </summary>
    [Theory]
    [InlineData("2022-01-05", "2022-03-25")]
    [InlineData("2022-03-28", "2022-01-02")]
    public async Task ARecordMovedBetweenAMonthAlreadyReadAndOneNotReadYetIsCountedOnce(string from, string to)
    {
        LogbookEntry mover = null!;
        ETag etag = default;
        Stores stores = null!;
        var move = new BetweenPages(async () =>
        {
            var moved = await stores.Entries.UpdateAsync(mover with { Date = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) }, etag, _ => null, Stores.Note);
            Assert.Equal(WriteStatus.Updated, moved.Status);
        }, times: 1);
        stores = Stores.Create(azurite, readPageSize: 3, readPolicy: move);
        (mover, etag) = await StoreAsync(stores, from, others: 10);

        var read = await ReadAsync(stores);

        Assert.True(move.Fired > 0);
        Assert.Equal(11, read.Entries);
    }

    [Fact]
    public async Task RecordsThatMoveEveryTimeAPartitionIsReadMakeTheReadFailWithAReason()
    {
        Stores stores = null!;
        var movers = new List<(LogbookEntry Record, ETag ETag)>();
        var next = 0;
        var move = new BetweenPages(async () =>
        {
            // Between January and February, so every record stays in the period and the pages stay as many.
            var which = next++ % movers.Count;
            var (record, etag) = movers[which];
            var moved = record with { Date = record.Date.AddMonths(record.Date.Month == 1 ? 1 : -1) };
            var outcome = await stores.Entries.UpdateAsync(moved, etag, _ => null, Stores.Note);
            Assert.Equal(WriteStatus.Updated, outcome.Status);
            movers[which] = (moved, new ETag(outcome.Stored!.ETag));
        }, times: int.MaxValue);
        stores = Stores.Create(azurite, readPageSize: 2, readPolicy: move);
        foreach (var id in Enumerable.Range(0, 8).Select(_ => Stores.IdIn(Partition)))
        {
            var record = Stores.Entry(id, "2022-01-10");
            movers.Add((record, new ETag((await stores.Entries.CreateAsync(record)).Stored!.ETag)));
        }

        var failed = await Assert.ThrowsAsync<RecordsMovingException>(() => ReadAsync(stores));

        Assert.Contains("ask for the report again", failed.Message, StringComparison.Ordinal);
        Assert.True(move.Fired >= ReportSource.Attempts);
    }

    [Fact]
    public async Task ReadsWhileWritersMoveRecordsBetweenMonthsCountEveryRecordOnce()
    {
        var stores = Stores.Create(azurite, readPageSize: 5);
        var records = Enumerable.Range(0, 160).Select(i => Stores.Entry(date: $"2022-01-{i % 28 + 1:00}")).ToList();
        var outcomes = await stores.Entries.CreateManyAsync(records);
        var current = records.Select((r, i) => (Record: r, ETag: new ETag(outcomes[i].Stored!.ETag))).ToArray();
        // Bounded by counts, not by a clock: the race runs until enough reads met enough moves,
        // with a generous cap so that a stuck race ends as a failure rather than a hang.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var moves = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = w; !stop.IsCancellationRequested; i = (i + 4) % current.Length)
            {
                var (record, etag) = current[i];
                var moved = record with { Date = record.Date.Month == 1 ? record.Date.AddMonths(1) : record.Date.AddMonths(-1) };
                var outcome = await stores.Entries.UpdateAsync(moved, etag, _ => null, Stores.Note);
                Assert.Equal(WriteStatus.Updated, outcome.Status);
                current[i] = (moved, new ETag(outcome.Stored!.ETag));
                Interlocked.Increment(ref moves);
            }
        })).ToList();

        var reads = new List<long>();
        var failures = 0;
        while (!stop.IsCancellationRequested && (reads.Count < 4 || Volatile.Read(ref moves) <= 100))
        {
            try
            {
                reads.Add((await ReadAsync(stores)).Entries);
            }
            catch (RecordsMovingException)
            {
                failures++;
            }
        }
        var capped = stop.IsCancellationRequested;
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.False(capped, $"The race hit its cap with {reads.Count} reads, {failures} refused, {moves} moves.");
        Assert.True(moves > 100, $"Only {moves} moves: the writers did not race the reads.");
        Assert.All(reads, count => Assert.Equal(records.Count, count));
        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
    }
}
