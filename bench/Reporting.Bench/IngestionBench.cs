using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Reporting.Domain;
using Reporting.Storage;

namespace Reporting.Bench;

/// <summary>The records the ingestion part posts: runs of the same mix, a warm-up, and the single posts.</summary>
internal sealed record IngestionData(IReadOnlyList<IReadOnlyList<LogbookEntry>> Runs, IReadOnlyList<LogbookEntry> WarmUp, IReadOnlyList<LogbookEntry> Singles);

internal sealed record IngestionResult(
    int RecordsPerRun,
    IReadOnlyList<double> ServicePerSecond,
    IReadOnlyList<double> FloorPerSecond,
    IReadOnlyList<double> IndexedPerSecond,
    IReadOnlyList<double> LeastIndexPerSecond,
    IReadOnlyList<double> PostP50Ms,
    IReadOnlyList<double> PostP99Ms,
    IReadOnlyList<double> InsertP50Ms,
    IReadOnlyList<double> InsertP99Ms,
    IReadOnlyList<double> ClaimInsertP50Ms,
    IReadOnlyList<double> ClaimInsertP99Ms,
    IReadOnlyList<double> SinglesGcPausesMs,
    double SinglesSeconds,
    double ServiceTransactionsPerBatch,
    double FloorTransactionsPer500);

/// <summary>
/// Records per second through <c>POST /api/entries/batch</c> (batches of 500, 8 clients) beside the floor: the
/// same records written straight by our storage client (entity group transactions of up to 100 per month
/// partition, 8 writers, into tables that grow run after run like the service's). Two more paths split the gap:
/// the service's own write pattern (id claims, then records, per batch of 500) sent straight, without HTTP, JSON or
/// validation; and the same with the least any id index can write (an entity with the id alone) in place of the
/// claims. For single records, in the same grown tables: one post, one insert, a claim and an insert.
/// </summary>
internal static class IngestionBench
{
    public const int BatchSize = 500;
    public const int Clients = 8;
    public const int Singles = 1000;
    public const int SingleWarmUp = 100;
    public const int Runs = 6;
    public const int WarmUpRecords = 10_000;

    // As RecordStore.CreateManyAsync: up to four transactions of one batch at a time.
    private const int TransactionsInFlightPerBatch = 4;

    public static async Task<IngestionResult> RunAsync(HttpClient client, TableServiceClient tables, Azurite azurite, IngestionData data)
    {
        // Warm-up of every path until its speed settles: the service's JIT tiers, its tables and connections, the
        // direct client, and Azurite's own JIT (its first thousands of writes are markedly slower).
        // Every path writes into tables that keep what it wrote before, as the service's tables do: Azurite's cost
        // of a write grows with the size of the table, so fresh tables would flatter the floor.
        var servicePerSecond = new List<double>();
        var floorPerSecond = new List<double>();
        var indexedPerSecond = new List<double>();
        var leastIndexPerSecond = new List<double>();
        var postP50 = new List<double>();
        var postP99 = new List<double>();
        var insertP50 = new List<double>();
        var insertP99 = new List<double>();
        var claimP50 = new List<double>();
        var claimP99 = new List<double>();
        IReadOnlyList<double> singlesGcPauses = [];
        double singlesSeconds = 0;
        await WithTablesAsync(tables, async (floorTable, indexedTables, leastTables) =>
        {
            await PostBatchesAsync(client, Batches(data.WarmUp));
            await WriteGroupsAsync(floorTable, Groups(Entities(data.WarmUp)));
            await WriteIndexedAsync(indexedTables.Records, indexedTables.Ids, IndexedBatches(data.WarmUp, RecordGenerator.ToClaim));
            await WriteIndexedAsync(leastTables.Records, leastTables.Ids, IndexedBatches(data.WarmUp, RecordGenerator.ToBareClaim));
            for (var run = 0; run < data.Runs.Count; run++)
            {
                var records = data.Runs[run];
                // Everything prepared before the clock starts: the request bodies, the entities grouped per partition.
                var bodies = Batches(records);
                var groups = Groups(Entities(records));
                var indexed = IndexedBatches(records, RecordGenerator.ToClaim);
                var least = IndexedBatches(records, RecordGenerator.ToBareClaim);
                double viaService = 0, floor = 0, withIndex = 0, withLeastIndex = 0;
                // The order turns from run to run, so that no path always gains or loses from the one before it.
                for (var turn = 0; turn < 4; turn++)
                {
                    switch ((run + turn) % 4)
                    {
                        case 0:
                            viaService = records.Count / await PostBatchesAsync(client, bodies);
                            break;
                        case 1:
                            floor = records.Count / await WriteGroupsAsync(floorTable, groups);
                            break;
                        case 2:
                            withIndex = records.Count / await WriteIndexedAsync(indexedTables.Records, indexedTables.Ids, indexed);
                            break;
                        default:
                            withLeastIndex = records.Count / await WriteIndexedAsync(leastTables.Records, leastTables.Ids, least);
                            break;
                    }
                }
                servicePerSecond.Add(viaService);
                floorPerSecond.Add(floor);
                indexedPerSecond.Add(withIndex);
                leastIndexPerSecond.Add(withLeastIndex);
                Console.WriteLine($"bench:   run {run + 1}: service {viaService:F0}, direct with id index {withIndex:F0}, " +
                    $"direct with the least index {withLeastIndex:F0}, floor {floor:F0} records/s");
            }

            // Single records go into the same grown tables: the service's tables hold everything posted above, and
            // Azurite's cost of an insert grows with the table, so a fresh table would flatter the floor.
            var singleBodies = data.Singles.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, RecordJson.Options)).ToList();
            var singleEntities = Entities(data.Singles);
            var claimedEntities = Entities(data.Singles);
            await PostSinglesAsync(client, singleBodies[..SingleWarmUp]);
            await InsertSinglesAsync(floorTable, singleEntities[..SingleWarmUp]);
            await ClaimAndInsertAsync(indexedTables.Records, indexedTables.Ids, claimedEntities[..SingleWarmUp]);
            var gcMark = azurite.LogMark();
            var singlesClock = Stopwatch.StartNew();
            for (var run = 0; run < Runs; run++)
            {
                var range = (SingleWarmUp + run * Singles)..(SingleWarmUp + (run + 1) * Singles);
                for (var turn = 0; turn < 3; turn++)
                {
                    switch ((run + turn) % 3)
                    {
                        case 0:
                            var posts = await PostSinglesAsync(client, singleBodies[range]);
                            postP50.Add(Stats.Percentile(posts, 50));
                            postP99.Add(Stats.Percentile(posts, 99));
                            break;
                        case 1:
                            var inserts = await InsertSinglesAsync(floorTable, singleEntities[range]);
                            insertP50.Add(Stats.Percentile(inserts, 50));
                            insertP99.Add(Stats.Percentile(inserts, 99));
                            break;
                        default:
                            var claimed = await ClaimAndInsertAsync(indexedTables.Records, indexedTables.Ids, claimedEntities[range]);
                            claimP50.Add(Stats.Percentile(claimed, 50));
                            claimP99.Add(Stats.Percentile(claimed, 99));
                            break;
                    }
                }
            }
            singlesSeconds = singlesClock.Elapsed.TotalSeconds;
            await Task.Delay(200);
            singlesGcPauses = azurite.GcPausesSince(gcMark);
        });

        var first = data.Runs[0];
        var serviceTransactions = first.Chunk(BatchSize).Average(batch =>
            Transactions(batch.Select(e => $"entry-{e.Id[0]}")) + Transactions(batch.Select(e => RecordPartitions.PartitionOf(e.Programme, e.Date))));
        var floorTransactions = (double)Transactions(first.Select(e => RecordPartitions.PartitionOf(e.Programme, e.Date))) * BatchSize / first.Count;
        return new IngestionResult(first.Count, servicePerSecond, floorPerSecond, indexedPerSecond, leastIndexPerSecond, postP50, postP99, insertP50, insertP99,
            claimP50, claimP99, singlesGcPauses, singlesSeconds, serviceTransactions, floorTransactions);
    }

    /// <summary>The tables of the direct writes (a floor table; records and id tables twice), deleted afterwards.</summary>
    private static async Task WithTablesAsync(TableServiceClient tables,
        Func<TableClient, (TableClient Records, TableClient Ids), (TableClient Records, TableClient Ids), Task> body)
    {
        var floor = tables.GetTableClient("BenchFloor");
        var indexed = (tables.GetTableClient("BenchIndexedRecords"), tables.GetTableClient("BenchIndexedIds"));
        var least = (tables.GetTableClient("BenchLeastRecords"), tables.GetTableClient("BenchLeastIds"));
        TableClient[] all = [floor, indexed.Item1, indexed.Item2, least.Item1, least.Item2];
        foreach (var table in all)
        {
            await table.CreateIfNotExistsAsync();
        }
        await body(floor, indexed, least);
        foreach (var table in all)
        {
            await table.DeleteAsync();
        }
    }

    private static List<TableEntity> Entities(IEnumerable<LogbookEntry> records)
    {
        var now = DateTimeOffset.UtcNow;
        return [.. records.Select(e => RecordGenerator.ToEntity(e, now))];
    }

    /// <summary>Entity group transactions needed for entities of these partitions: up to 100 per partition each.</summary>
    private static int Transactions(IEnumerable<string> partitions) =>
        partitions.GroupBy(p => p, StringComparer.Ordinal).Sum(g => (g.Count() + TableTransaction.MaxActions - 1) / TableTransaction.MaxActions);

    private static List<byte[]> Batches(IReadOnlyList<LogbookEntry> records) =>
        [.. records.Chunk(BatchSize).Select(batch => JsonSerializer.SerializeToUtf8Bytes(new { records = batch }, RecordJson.Options))];

    private static List<List<TableTransactionAction>> Groups(IEnumerable<TableEntity> entities) =>
        [.. entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(TableTransaction.MaxActions))
            .Select(chunk => chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList())];

    /// <summary>Per batch of 500, as the service writes it: the claims grouped per index partition, then the records per month partition.</summary>
    private static List<(List<List<TableTransactionAction>> Claims, List<List<TableTransactionAction>> Records)> IndexedBatches(
        IReadOnlyList<LogbookEntry> records, Func<TableEntity, TableEntity> claim) =>
        [.. records.Chunk(BatchSize).Select(batch =>
        {
            var entities = Entities(batch);
            return (Groups(entities.Select(claim)), Groups(entities));
        })];

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

    private static Task<double> WriteGroupsAsync(TableClient table, IReadOnlyList<List<TableTransactionAction>> groups) =>
        ConcurrentlyAsync(groups.Count, async i => await table.SubmitTransactionAsync(groups[i]));

    private static Task<double> WriteIndexedAsync(TableClient records, TableClient ids, IReadOnlyList<(List<List<TableTransactionAction>> Claims, List<List<TableTransactionAction>> Records)> batches) =>
        ConcurrentlyAsync(batches.Count, async i =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlightPerBatch };
            await Parallel.ForEachAsync(batches[i].Claims, options, async (group, ct) => await ids.SubmitTransactionAsync(group, ct));
            await Parallel.ForEachAsync(batches[i].Records, options, async (group, ct) => await records.SubmitTransactionAsync(group, ct));
        });

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

    private static async Task<List<double>> InsertSinglesAsync(TableClient table, IReadOnlyList<TableEntity> entities)
    {
        var latencies = new List<double>(entities.Count);
        foreach (var entity in entities)
        {
            var watch = Stopwatch.StartNew();
            await table.AddEntityAsync(entity);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    /// <summary>As the service stores one record: its id claimed in the index, then the record inserted.</summary>
    private static async Task<List<double>> ClaimAndInsertAsync(TableClient records, TableClient ids, IReadOnlyList<TableEntity> entities)
    {
        var latencies = new List<double>(entities.Count);
        foreach (var entity in entities)
        {
            var claim = RecordGenerator.ToClaim(entity);
            var watch = Stopwatch.StartNew();
            await ids.AddEntityAsync(claim);
            await records.AddEntityAsync(entity);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }
}
