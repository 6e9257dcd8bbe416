using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Storage;

namespace Reporting.Bench;

/// <summary>The records the ingestion part posts: runs of the same mix, a warm-up, and the single posts.</summary>
internal sealed record IngestionData(IReadOnlyList<IReadOnlyList<LogbookEntry>> Runs, IReadOnlyList<LogbookEntry> WarmUp, IReadOnlyList<LogbookEntry> Singles, int SingleWarmUp);

internal sealed record IngestionResult(
    int RecordsPerRun,
    int WarmUpRecords,
    IReadOnlyList<double> ServicePerSecond,
    IReadOnlyList<double> FloorPerSecond,
    int SinglesPerRun,
    IReadOnlyList<double> PostP50Ms,
    IReadOnlyList<double> PostP99Ms,
    IReadOnlyList<double> TransactionP50Ms,
    IReadOnlyList<double> TransactionP99Ms,
    IReadOnlyList<double> SinglesGcPausesMs,
    double SinglesSeconds,
    double ServiceTransactionsPer500,
    double FloorTransactionsPer500);

/// <summary>
/// Records per second through <c>POST /api/entries/batch</c> (batches of 500, 8 clients) beside the floor: the
/// rows the design needs for each record (its record row and its period row, in the partition its id decides)
/// written straight by the official SDK as entity group transactions, grouped per partition in transactions of 50
/// records (100 rows), 8 writers, into a table that grows run after run as the service's does. For single records,
/// in the same grown tables: one post beside one transaction of a record's two rows.
/// </summary>
internal static class IngestionBench
{
    public const int BatchSize = 500;
    public const int Clients = 8;

    /// <summary>As RecordStore: a record is two rows and a transaction holds at most 100 operations.</summary>
    public const int RecordsPerTransaction = 50;

    public static async Task<IngestionResult> RunAsync(HttpClient client, TableServiceClient tables, Azurite azurite, IngestionData data)
    {
        // Warm-up of both paths until their speed settles: the service's JIT tiers, its tables and connections, the
        // direct client, and Azurite's own JIT (its first thousands of writes are markedly slower).
        // Both paths write into tables that keep what they wrote before, as the service's tables do: Azurite's cost
        // of a write grows with the size of the table, so a fresh table would flatter the floor.
        var servicePerSecond = new List<double>();
        var floorPerSecond = new List<double>();
        var postP50 = new List<double>();
        var postP99 = new List<double>();
        var transactionP50 = new List<double>();
        var transactionP99 = new List<double>();
        IReadOnlyList<double> singlesGcPauses = [];
        double singlesSeconds = 0;
        var perRun = (data.Singles.Count - data.SingleWarmUp) / data.Runs.Count;
        var floorTable = tables.GetTableClient("BenchFloor");
        await floorTable.CreateIfNotExistsAsync();
        try
        {
            await PostBatchesAsync(client, Batches(data.WarmUp));
            await WriteGroupsAsync(floorTable, Groups(data.WarmUp));
            for (var run = 0; run < data.Runs.Count; run++)
            {
                var records = data.Runs[run];
                // Everything prepared before the clock starts: the request bodies, the rows grouped per partition.
                var bodies = Batches(records);
                var groups = Groups(records);
                double viaService = 0, floor = 0;
                // The order turns from run to run, so that neither path always gains or loses from the one before it.
                for (var turn = 0; turn < 2; turn++)
                {
                    if ((run + turn) % 2 == 0)
                    {
                        viaService = records.Count / await PostBatchesAsync(client, bodies);
                    }
                    else
                    {
                        floor = records.Count / await WriteGroupsAsync(floorTable, groups);
                    }
                }
                servicePerSecond.Add(viaService);
                floorPerSecond.Add(floor);
                Console.WriteLine($"bench:   run {run + 1}: service {viaService:F0}, floor {floor:F0} records/s");
            }

            // Single records go into the same grown tables: the service's tables hold everything posted above, and
            // Azurite's cost of an insert grows with the table, so a fresh table would flatter the floor.
            var singleBodies = data.Singles.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, RecordJson.Options)).ToList();
            var singleRows = Rows(data.Singles);
            var warmUp = data.SingleWarmUp;
            await PostSinglesAsync(client, singleBodies[..warmUp]);
            await TransactSinglesAsync(floorTable, singleRows[..warmUp]);
            var gcMark = azurite.LogMark();
            var singlesClock = Stopwatch.StartNew();
            for (var run = 0; run < data.Runs.Count; run++)
            {
                var range = (warmUp + run * perRun)..(warmUp + (run + 1) * perRun);
                for (var turn = 0; turn < 2; turn++)
                {
                    if ((run + turn) % 2 == 0)
                    {
                        var posts = await PostSinglesAsync(client, singleBodies[range]);
                        postP50.Add(Stats.Percentile(posts, 50));
                        postP99.Add(Stats.Percentile(posts, 99));
                    }
                    else
                    {
                        var transactions = await TransactSinglesAsync(floorTable, singleRows[range]);
                        transactionP50.Add(Stats.Percentile(transactions, 50));
                        transactionP99.Add(Stats.Percentile(transactions, 99));
                    }
                }
            }
            singlesSeconds = singlesClock.Elapsed.TotalSeconds;
            await Task.Delay(200);
            singlesGcPauses = azurite.GcPausesSince(gcMark);
        }
        finally
        {
            await floorTable.DeleteAsync();
        }

        var first = data.Runs[0];
        var serviceTransactions = first.Chunk(BatchSize).Average(batch => (double)Transactions(batch));
        var floorTransactions = (double)Transactions(first) * BatchSize / first.Count;
        return new IngestionResult(first.Count, data.WarmUp.Count, servicePerSecond, floorPerSecond, perRun, postP50, postP99, transactionP50, transactionP99,
            singlesGcPauses, singlesSeconds, serviceTransactions, floorTransactions);
    }

    private static List<(TableEntity RecordRow, TableEntity PeriodRow)> Rows(IEnumerable<LogbookEntry> records)
    {
        var now = DateTimeOffset.UtcNow;
        return [.. records.Select(e => RecordGenerator.ToRows(e, now))];
    }

    /// <summary>Entity group transactions these records take when grouped per partition, up to 50 records each.</summary>
    private static int Transactions(IEnumerable<LogbookEntry> records) =>
        records.GroupBy(e => RecordKeys.PartitionOf(e.Id), StringComparer.Ordinal)
            .Sum(g => (g.Count() + RecordsPerTransaction - 1) / RecordsPerTransaction);

    private static List<byte[]> Batches(IReadOnlyList<LogbookEntry> records) =>
        [.. records.Chunk(BatchSize).Select(batch => JsonSerializer.SerializeToUtf8Bytes(new { records = batch }, RecordJson.Options))];

    /// <summary>The records' two rows each, grouped per partition into transactions of up to 50 records (100 rows).</summary>
    private static List<List<TableTransactionAction>> Groups(IEnumerable<LogbookEntry> records) =>
        [.. Rows(records).GroupBy(r => r.RecordRow.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(RecordsPerTransaction))
            .Select(chunk => chunk.SelectMany(r => new[] { Add(r.RecordRow), Add(r.PeriodRow) }).ToList())];

    private static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    /// <summary>Posts every batch from <see cref="Clients"/> concurrent clients; checks that every record was created.</summary>
    private static async Task<double> PostBatchesAsync(HttpClient client, IReadOnlyList<byte[]> bodies)
    {
        var answers = new byte[bodies.Count][];
        var seconds = await ConcurrentlyAsync(bodies.Count, async i =>
        {
            using var content = ServiceProcess.Json(bodies[i]);
            using var response = await client.PostAsync("/api/entries/batch", content);
            answers[i] = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"A batch answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answers[i])}");
            }
        });
        foreach (var answer in answers)
        {
            using var json = JsonDocument.Parse(answer);
            var refused = json.RootElement.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("status").GetString() != "created");
            if (refused > 0)
            {
                throw new InvalidOperationException($"{refused} records of a batch were not created: {json.RootElement}");
            }
        }
        return seconds;
    }

    /// <summary>Sends every transaction from <see cref="Clients"/> concurrent writers; a transaction that fails throws.</summary>
    private static Task<double> WriteGroupsAsync(TableClient table, IReadOnlyList<List<TableTransactionAction>> groups) =>
        ConcurrentlyAsync(groups.Count, async i => await table.SubmitTransactionAsync(groups[i]));

    /// <summary>Runs <paramref name="work"/> for every index from <see cref="Clients"/> concurrent workers; the seconds it took.</summary>
    private static async Task<double> ConcurrentlyAsync(int count, Func<int, Task> work)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await work(i);
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<List<double>> PostSinglesAsync(HttpClient client, IReadOnlyList<byte[]> bodies)
    {
        var latencies = new List<double>(bodies.Count);
        foreach (var body in bodies)
        {
            using var content = ServiceProcess.Json(body);
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/entries", content);
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"A single post answered {(int)response.StatusCode}.");
            }
        }
        return latencies;
    }

    /// <summary>As the service stores one record: its record row and its period row in one entity group transaction.</summary>
    private static async Task<List<double>> TransactSinglesAsync(TableClient table, IReadOnlyList<(TableEntity RecordRow, TableEntity PeriodRow)> rows)
    {
        var latencies = new List<double>(rows.Count);
        foreach (var (recordRow, periodRow) in rows)
        {
            TableTransactionAction[] actions = [Add(recordRow), Add(periodRow)];
            var watch = Stopwatch.StartNew();
            await table.SubmitTransactionAsync(actions);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }
}
