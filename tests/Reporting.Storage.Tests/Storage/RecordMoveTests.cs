using Azure;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

/// <summary>
/// A correction that moves a record to another month, stopped between two of its steps as a process that dies
/// there would stop it; then what a later process makes of it: a report counts the record once, the index and
/// the rows agree, and the record can be read, corrected and erased again.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecordMoveTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2022, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TableServiceClient _service = new(StorageConnection.Parse(azurite.ConnectionString));
    private readonly StorageOptions _options = new() { TablePrefix = AzuriteFixture.UniquePrefix() };

    private sealed class ProcessDied : Exception;

    private RecordStore<LogbookEntry> Store(TimeProvider time) =>
        new(RecordMappings.Entries, _service, _options, time, ReferenceCatalog.Current);

    private static LogbookEntry Entry(string id, int month, string place = "outside") => new()
    {
        Id = id,
        Programme = "BAR",
        WorkerCode = "BAR-07",
        Date = new DateOnly(2022, month, 14),
        Municipality = "21001",
        FirstContact = "public-space",
        Initiative = "outreach",
        Place = place,
        Actions = ["inform"],
        NonTakeUp = ["non-knowledge"],
        Themes = ["E"],
        Vulnerabilities = [],
    };

    /// <summary>The rows stored under an id, in any partition, as (partition, place).</summary>
    private async Task<List<(string Partition, string? Place)>> RowsAsync(string id)
    {
        var rows = new List<(string, string?)>();
        await foreach (var row in _service.GetTableClient(_options.TablePrefix + "Entries").QueryAsync(TableFilter.Create($"RowKey eq {id}")))
        {
            rows.Add((row.PartitionKey, row.GetString("Place")));
        }
        return rows;
    }

    private async Task<long> EntriesInReportAsync(RecordStore<LogbookEntry> store)
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022));
        var aggregator = new ReportAggregator(scope, ReferenceCatalog.Current);
        await new ReportSource(store, new RecordStore<CollectiveActivity>(RecordMappings.Activities, _service, _options, new FixedTime(Now.AddMinutes(5)), ReferenceCatalog.Current))
            .ReadAsync(scope, aggregator);
        return aggregator.Entries;
    }

    /// <summary>Stores an entry in March, then corrects it to June in a process that dies after <paramref name="step"/>.</summary>
    private async Task<string> MoveStoppedAfterAsync(string step)
    {
        var id = Guid.NewGuid().ToString();
        var dying = Store(new FixedTime(Now));
        var created = await dying.CreateAsync(Entry(id, 3));
        Assert.Equal(WriteStatus.Created, created.Status);
        dying.OnMoveStep = (reached, _) => reached == step ? throw new ProcessDied() : ValueTask.CompletedTask;
        await Assert.ThrowsAsync<ProcessDied>(() => dying.UpdateAsync(Entry(id, 6, place: "office"), new ETag(created.Stored!.ETag)));
        return id;
    }

    [Fact]
    public async Task AMoveStoppedBeforeTheIndexPointsAtTheNewMonthIsUndoneBeforeAReportCountsIt()
    {
        var id = await MoveStoppedAfterAsync("written");
        Assert.Equal(["BAR-2022-03", "BAR-2022-06"], (await RowsAsync(id)).Select(r => r.Partition).Order());

        var later = Store(new FixedTime(Now.AddMinutes(5)));
        Assert.Equal(1, await EntriesInReportAsync(later));

        Assert.Equal([("BAR-2022-03", "outside")], await RowsAsync(id));
        var read = await later.GetAsync(id);
        Assert.Equal(new DateOnly(2022, 3, 14), read!.Record.Date);
        Assert.Equal(0, await later.RepairMovesAsync());
    }

    [Fact]
    public async Task AMoveStoppedAfterTheIndexPointsAtTheNewMonthIsCompletedBeforeAReportCountsIt()
    {
        var id = await MoveStoppedAfterAsync("pointed");
        Assert.Equal(2, (await RowsAsync(id)).Count);

        var later = Store(new FixedTime(Now.AddMinutes(5)));
        Assert.Equal(1, await EntriesInReportAsync(later));

        Assert.Equal([("BAR-2022-06", "office")], await RowsAsync(id));
        var read = await later.GetAsync(id);
        Assert.Equal("office", read!.Record.Place);
        Assert.Equal(new DateOnly(2022, 6, 14), read.Record.Date);
    }

    [Fact]
    public async Task AMoveStoppedAfterDeletingTheOldRowOnlyLeavesItsJournalWhichARepairClears()
    {
        var id = await MoveStoppedAfterAsync("deleted");

        var later = Store(new FixedTime(Now.AddMinutes(5)));
        Assert.Equal(1, await later.RepairMovesAsync());

        Assert.Equal([("BAR-2022-06", "office")], await RowsAsync(id));
        Assert.Equal(0, await later.RepairMovesAsync());
    }

    [Fact]
    public async Task TwoRepairsAtOnceSettleAnAbandonedMoveOnce()
    {
        var id = await MoveStoppedAfterAsync("written");

        var repaired = await Task.WhenAll(
            Store(new FixedTime(Now.AddMinutes(5))).RepairMovesAsync(),
            Store(new FixedTime(Now.AddMinutes(5))).RepairMovesAsync());

        Assert.Equal(1, repaired.Sum());
        Assert.Equal([("BAR-2022-03", "outside")], await RowsAsync(id));
    }

    [Fact]
    public async Task AMoveUnderWayInAnotherProcessIsLeftAloneAndACorrectionOfTheSameRecordMeanwhileAnswers412()
    {
        var id = await MoveStoppedAfterAsync("written");
        var soon = Store(new FixedTime(Now.AddSeconds(10)));
        var current = await soon.GetAsync(id);

        Assert.Equal(0, await soon.RepairMovesAsync());
        var correction = await soon.UpdateAsync(Entry(id, 9), new ETag(current!.ETag));

        Assert.Equal(WriteStatus.PreconditionFailed, correction.Status);
        Assert.Equal(2, (await RowsAsync(id)).Count);
    }

    [Fact]
    public async Task ACorrectionOfARecordWhoseMoveWasAbandonedSettlesThatMoveFirstAndSucceeds()
    {
        var id = await MoveStoppedAfterAsync("written");
        var later = Store(new FixedTime(Now.AddMinutes(5)));
        var current = await later.GetAsync(id);

        var correction = await later.UpdateAsync(Entry(id, 9, place: "home"), new ETag(current!.ETag));

        Assert.Equal(WriteStatus.Updated, correction.Status);
        Assert.Equal([("BAR-2022-09", "home")], await RowsAsync(id));
        Assert.Equal(0, await later.RepairMovesAsync());
        Assert.Equal("home", (await later.GetAsync(id))!.Record.Place);
    }

    [Fact]
    public async Task AnErasureOfARecordCaughtHalfWayThroughAMoveRemovesBothRows()
    {
        var id = await MoveStoppedAfterAsync("written");
        var soon = Store(new FixedTime(Now.AddSeconds(10)));

        await soon.EraseAsync(id);

        Assert.Empty(await RowsAsync(id));
        Assert.Null(await soon.GetAsync(id));
        Assert.Equal(0, await Store(new FixedTime(Now.AddMinutes(5))).RepairMovesAsync());
        Assert.Equal(WriteStatus.Erased, (await soon.CreateAsync(Entry(id, 3))).Status);
    }

    [Fact]
    public async Task AMoverThatWakesUpAfterARepairUndidItsMoveAnswers412AndLeavesTheRecordWhereItWas()
    {
        var id = Guid.NewGuid().ToString();
        var slow = Store(new FixedTime(Now));
        var created = await slow.CreateAsync(Entry(id, 3));
        var repairer = Store(new FixedTime(Now.AddMinutes(5)));
        // The mover stalls after writing the new row; meanwhile a repair takes its move for abandoned.
        slow.OnMoveStep = async (step, cancellationToken) =>
        {
            if (step == "written")
            {
                Assert.Equal(1, await repairer.RepairMovesAsync(cancellationToken));
            }
        };

        var correction = await slow.UpdateAsync(Entry(id, 6, place: "office"), new ETag(created.Stored!.ETag));

        Assert.Equal(WriteStatus.PreconditionFailed, correction.Status);
        Assert.Equal([("BAR-2022-03", "outside")], await RowsAsync(id));
        Assert.Equal("outside", (await repairer.GetAsync(id))!.Record.Place);
        Assert.Equal(0, await repairer.RepairMovesAsync());
    }

    [Fact]
    public async Task AMoverThatWakesUpAfterARepairAndAnotherMoveToTheSameMonthLeavesThatOtherMoveIntact()
    {
        var id = Guid.NewGuid().ToString();
        var slow = Store(new FixedTime(Now));
        var created = await slow.CreateAsync(Entry(id, 3));
        var version = new ETag(created.Stored!.ETag);
        var later = Store(new FixedTime(Now.AddMinutes(5)));
        WriteOutcome<LogbookEntry>? other = null;
        // The mover stalls after writing its June row; a repair undoes its move, and another request moves the
        // same version to June too, before the first mover goes on.
        slow.OnMoveStep = async (step, cancellationToken) =>
        {
            if (step == "written")
            {
                Assert.Equal(1, await later.RepairMovesAsync(cancellationToken));
                other = await later.UpdateAsync(Entry(id, 6, place: "home"), version, cancellationToken);
            }
        };

        var moved = await slow.UpdateAsync(Entry(id, 6, place: "office"), version);

        Assert.Equal(WriteStatus.Updated, other!.Status);
        Assert.Equal(WriteStatus.PreconditionFailed, moved.Status);
        Assert.Equal([("BAR-2022-06", "home")], await RowsAsync(id));
        Assert.Equal("home", (await later.GetAsync(id))!.Record.Place);
        Assert.Equal(0, await Store(new FixedTime(Now.AddHours(1))).RepairMovesAsync());
    }

    [Fact]
    public async Task OfTwoCorrectionsOfTheSameVersionAMoveAndAnInPlaceOneOnlyTheFirstToReachTheIndexIsKept()
    {
        var id = Guid.NewGuid().ToString();
        var mover = Store(new FixedTime(Now));
        var created = await mover.CreateAsync(Entry(id, 3));
        var version = new ETag(created.Stored!.ETag);
        var other = Store(new FixedTime(Now));
        WriteOutcome<LogbookEntry>? inPlace = null;
        // The move stalls after writing its new row; meanwhile another request corrects the same version in place.
        mover.OnMoveStep = async (step, cancellationToken) =>
        {
            if (step == "written")
            {
                inPlace = await other.UpdateAsync(Entry(id, 3, place: "home"), version, cancellationToken);
            }
        };

        var moved = await mover.UpdateAsync(Entry(id, 6, place: "office"), version);

        Assert.Equal(WriteStatus.Updated, inPlace!.Status);
        Assert.Equal(WriteStatus.PreconditionFailed, moved.Status);
        Assert.Equal([("BAR-2022-03", "home")], await RowsAsync(id));
        Assert.Equal("home", (await other.GetAsync(id))!.Record.Place);
        Assert.Equal(0, await Store(new FixedTime(Now.AddHours(1))).RepairMovesAsync());
    }

    [Fact]
    public async Task AnUninterruptedMoveLeavesOneRowAndNoJournal()
    {
        var id = Guid.NewGuid().ToString();
        var store = Store(new FixedTime(Now));
        var created = await store.CreateAsync(Entry(id, 3));

        var moved = await store.UpdateAsync(Entry(id, 6, place: "office"), new ETag(created.Stored!.ETag));

        Assert.Equal(WriteStatus.Updated, moved.Status);
        Assert.Equal([("BAR-2022-06", "office")], await RowsAsync(id));
        Assert.Equal(0, await Store(new FixedTime(Now.AddHours(1))).RepairMovesAsync());
    }
}
