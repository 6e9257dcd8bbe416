using Azure;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

[Collection(AzuriteTests.Name)]
public sealed class TableClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableServiceClient _service = new(StorageConnection.Parse(azurite.ConnectionString));
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        _table = _service.GetTableClient(AzuriteFixture.UniquePrefix() + "Things");
        await _table.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => _table.DeleteAsync();

    private static TableEntity Thing(string partition, string row, string name = "stand", int count = 1) => new(partition, row)
    {
        ["Name"] = name,
        ["Count"] = count,
        ["Big"] = 5_000_000_000L,
        ["When"] = new DateTimeOffset(2022, 3, 14, 9, 30, 0, TimeSpan.Zero),
        ["Flag"] = true,
    };

    [Fact]
    public async Task AnInsertedEntityIsReadBackWithItsTypesAndETag()
    {
        var etag = await _table.AddEntityAsync(Thing("p", "r1"));

        var read = await _table.GetEntityIfExistsAsync("p", "r1");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("stand", read.GetString("Name"));
        Assert.Equal(1, read.GetInt32("Count"));
        Assert.Equal(5_000_000_000L, read["Big"]);
        Assert.Equal(new DateTimeOffset(2022, 3, 14, 9, 30, 0, TimeSpan.Zero), read.GetDateTimeOffset("When"));
        Assert.Equal(true, read["Flag"]);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task AMissingEntityReadsAsNull()
    {
        Assert.Null(await _table.GetEntityIfExistsAsync("p", "nothing"));
    }

    [Fact]
    public async Task InsertingAnExistingEntityFailsWithConflict()
    {
        await _table.AddEntityAsync(Thing("p", "dup"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.AddEntityAsync(Thing("p", "dup", "other")));

        Assert.Equal(409, error.Status);
        Assert.Equal("stand", (await _table.GetEntityIfExistsAsync("p", "dup"))!.GetString("Name"));
    }

    [Fact]
    public async Task AnUpdateWithAStaleETagFailsAndChangesNothing()
    {
        var first = await _table.AddEntityAsync(Thing("p", "r2"));
        await _table.UpdateEntityAsync(Thing("p", "r2", "second"), first);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.UpdateEntityAsync(Thing("p", "r2", "third"), first));

        Assert.Equal(412, error.Status);
        Assert.Equal("second", (await _table.GetEntityIfExistsAsync("p", "r2"))!.GetString("Name"));
    }

    [Fact]
    public async Task AMergeUpsertKeepsThePropertiesItDoesNotName()
    {
        await _table.AddEntityAsync(Thing("p", "r3"));
        var partial = new TableEntity("p", "r3") { ["Count"] = 7 };

        await _table.UpsertEntityAsync(partial, TableUpdateMode.Merge);

        var read = await _table.GetEntityIfExistsAsync("p", "r3");
        Assert.Equal(7, read!.GetInt32("Count"));
        Assert.Equal("stand", read.GetString("Name"));
    }

    [Fact]
    public async Task ADeleteWithAStaleETagFailsAndADeleteWithTheCurrentOneRemoves()
    {
        var first = await _table.AddEntityAsync(Thing("p", "r4"));
        var second = await _table.UpdateEntityAsync(Thing("p", "r4", "changed"), first);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.DeleteEntityAsync("p", "r4", first));
        Assert.Equal(412, error.Status);

        await _table.DeleteEntityAsync("p", "r4", second);
        Assert.Null(await _table.GetEntityIfExistsAsync("p", "r4"));
    }

    [Fact]
    public async Task AQueryPagesThroughMoreThanAThousandEntities()
    {
        const int count = 1_250;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, Thing("paged", $"{i:00000}", count: i))).ToList());
        }

        var pages = new List<TablePage>();
        await foreach (var page in _table.QueryPagesAsync(TableFilter.Create($"PartitionKey eq {"paged"}"), ["Count"]))
        {
            pages.Add(page);
        }

        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Entities.Count <= TableClient.MaxPageSize));
        var counts = pages.SelectMany(p => p.Entities).Select(e => e.GetInt32("Count")!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(0, count), counts);
    }

    [Fact]
    public async Task SelectReturnsOnlyTheNamedProperties()
    {
        await _table.AddEntityAsync(Thing("sel", "r"));

        var read = await _table.QueryAsync(TableFilter.Create($"PartitionKey eq {"sel"}"), ["Name"]).SingleAsync();

        Assert.Equal("stand", read.GetString("Name"));
        Assert.Null(read["Count"]);
        Assert.Null(read["Flag"]);
    }

    [Fact]
    public async Task ATransactionOfAHundredEntitiesStoresThemAll()
    {
        var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Thing("batch", $"r{i:000}"))).ToList();

        var etags = await _table.SubmitTransactionAsync(actions);

        Assert.Equal(100, etags.Count);
        Assert.All(etags, e => Assert.NotNull(e));
        Assert.Equal(100, await _table.QueryAsync(TableFilter.Create($"PartitionKey eq {"batch"}")).CountAsync());
    }

    [Fact]
    public async Task ARefusedTransactionLeavesNothingBehind()
    {
        await _table.AddEntityAsync(Thing("atomic", "r050"));
        var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Thing("atomic", $"r{i:000}", "new"))).ToList();

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _table.SubmitTransactionAsync(actions));

        Assert.Equal(409, error.Status);
        Assert.Equal(50, error.FailedIndex);
        var stored = await _table.QueryAsync(TableFilter.Create($"PartitionKey eq {"atomic"}")).ToListAsync();
        Assert.Equal("stand", Assert.Single(stored).GetString("Name"));
    }

    [Fact]
    public async Task ATransactionCanMixInsertsMergesAndDeletes()
    {
        await _table.AddEntityAsync(Thing("mix", "keep"));
        var gone = await _table.AddEntityAsync(Thing("mix", "gone"));

        await _table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, Thing("mix", "new")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("mix", "keep") { ["Count"] = 9 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("mix", "gone"), gone),
        ]);

        var rows = await _table.QueryAsync(TableFilter.Create($"PartitionKey eq {"mix"}")).ToDictionaryAsync(e => e.RowKey);
        Assert.Equal(["keep", "new"], rows.Keys.Order());
        Assert.Equal(9, rows["keep"].GetInt32("Count"));
    }

    [Fact]
    public async Task AFilterValueWithAQuoteMatchesExactlyThatValue()
    {
        await _table.AddEntityAsync(Thing("quote", "a", "Gare de l'Ouest"));
        await _table.AddEntityAsync(Thing("quote", "b", "Gare de l"));
        var hostile = "x' or PartitionKey ne '";

        var matches = await _table.QueryAsync(TableFilter.Create($"PartitionKey eq {"quote"} and Name eq {"Gare de l'Ouest"}")).ToListAsync();
        var injected = await _table.QueryAsync(TableFilter.Create($"Name eq {hostile}")).ToListAsync();

        Assert.Equal("a", Assert.Single(matches).RowKey);
        Assert.Empty(injected);
    }

    [Fact]
    public async Task AWrongAccountKeyIsRefused()
    {
        var wrong = new TableServiceClient(StorageConnection.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{azurite.TablePort}/devstoreaccount1"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => wrong.PingAsync());

        Assert.Equal(403, error.Status);
    }
}
