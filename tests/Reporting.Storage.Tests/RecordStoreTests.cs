using Azure;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

/// <summary>The record store on a real Azurite: every write is whole or not at all, and leaves the invariants of decision 0002.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RecordStoreTests(AzuriteFixture azurite)
{
    private static string? MayChange(LogbookEntry? stored) => null;

    [Fact]
    public async Task ACreatedRecordHasOneRecordRowAndOnePeriodRowInThePartitionOfItsId()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry(date: "2022-03-14");

        var outcome = await stores.Entries.CreateAsync(entry);

        Assert.Equal(WriteStatus.Created, outcome.Status);
        var rows = await stores.Rows.AllAsync(StoredRows.Entries);
        Assert.Equal([RecordKeys.PeriodRow("BAR", new DateOnly(2022, 3, 14), entry.Id), RecordKeys.RecordRow(entry.Id)], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(RecordKeys.PartitionOf(entry.Id), r.PartitionKey));
        var recordRow = rows.Single(r => RecordKeys.IsRecordRow(r.RowKey));
        Assert.Equal(recordRow.ETag.ToString(), outcome.Stored!.ETag);
        Assert.Equal(RecordJson.ContentHash(entry), RecordJson.ContentHash((await stores.Entries.GetAsync(entry.Id))!.Record));
    }

    [Fact]
    public async Task TheSameIdAgainIsADuplicateWithTheSameContentAndAConflictNamingTheFieldsWithOther()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry();
        var created = await stores.Entries.CreateAsync(entry);

        var again = await stores.Entries.CreateAsync(entry);
        var other = await stores.Entries.CreateAsync(entry with { Place = "office", Date = new DateOnly(2022, 9, 1) });

        Assert.Equal(WriteStatus.Duplicate, again.Status);
        Assert.Equal(created.Stored!.ETag, again.Stored!.ETag);
        Assert.Equal(WriteStatus.Conflict, other.Status);
        Assert.Equal(["date", "place"], other.ConflictingFields!.Order(StringComparer.Ordinal));
        Assert.Equal(2, (await stores.Rows.AllAsync(StoredRows.Entries)).Count);
    }

    [Fact]
    public async Task ACorrectionToAnotherMonthMovesThePeriodRowRewritesTheMarkerAndKeepsTheAuditInOneStep()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry(date: "2022-03-14");
        var created = await stores.Entries.CreateAsync(entry);

        var corrected = await stores.Entries.UpdateAsync(entry with { Date = new DateOnly(2022, 4, 2) }, new ETag(created.Stored!.ETag), MayChange, Stores.Note);

        Assert.Equal(WriteStatus.Updated, corrected.Status);
        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
        var rows = await stores.Rows.AllAsync(StoredRows.Entries);
        Assert.Contains(rows, r => r.RowKey == RecordKeys.PeriodRow("BAR", new DateOnly(2022, 4, 2), entry.Id));
        Assert.DoesNotContain(rows, r => r.RowKey == RecordKeys.PeriodRow("BAR", new DateOnly(2022, 3, 14), entry.Id));
        Assert.Contains(rows, r => r.RowKey == RecordKeys.MovesRow && r.PartitionKey == RecordKeys.PartitionOf(entry.Id));
        var audit = Assert.Single(await stores.Audit.ListAsync("BAR", 10));
        Assert.Equal((AuditAction.Corrected, entry.Id, "key:test", "REQ-1"), (audit.Action, audit.RecordId, audit.Caller, audit.Reason));
        Assert.Equal(corrected.Stored!.ETag, (await stores.Entries.GetAsync(entry.Id))!.ETag);
    }

    [Fact]
    public async Task ACorrectionWithinItsMonthLeavesTheMarkerAlone()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry(date: "2022-03-14");
        var created = await stores.Entries.CreateAsync(entry);

        await stores.Entries.UpdateAsync(entry with { Date = new DateOnly(2022, 3, 30), Place = "office" }, new ETag(created.Stored!.ETag), MayChange, Stores.Note);

        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
        Assert.DoesNotContain(await stores.Rows.AllAsync(StoredRows.Entries), r => r.RowKey == RecordKeys.MovesRow);
        Assert.Equal("office", (await stores.Entries.GetAsync(entry.Id))!.Record.Place);
    }

    [Fact]
    public async Task AStaleETagAndARefusingCheckChangeNothing()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry();
        var created = await stores.Entries.CreateAsync(entry);
        var first = await stores.Entries.UpdateAsync(entry with { Place = "office" }, new ETag(created.Stored!.ETag), MayChange, Stores.Note);
        var before = await stores.Rows.AllAsync(StoredRows.Entries);

        var stale = await stores.Entries.UpdateAsync(entry with { Place = "phone" }, new ETag(created.Stored!.ETag), MayChange, Stores.Note);
        var refused = await stores.Entries.UpdateAsync(entry with { Place = "phone" }, new ETag(first.Stored!.ETag), _ => "not yours", Stores.Note);

        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        Assert.Equal((WriteStatus.Refused, "not yours"), (refused.Status, refused.Refusal));
        var after = await stores.Rows.AllAsync(StoredRows.Entries);
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), after.Select(r => (r.RowKey, r.ETag)));
    }

    [Fact]
    public async Task AnErasureLeavesATombstoneWithoutContentNoPeriodRowAndItsAuditLineAndTheIdCannotComeBack()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry();
        await stores.Entries.CreateAsync(entry);

        var erased = await stores.Entries.EraseAsync(entry.Id, _ => null, Stores.Note);
        var again = await stores.Entries.EraseAsync(entry.Id, _ => null, Stores.Note);
        var reposted = await stores.Entries.CreateAsync(entry);

        Assert.Equal((WriteStatus.Erased, "BAR"), (erased.Status, erased.Programme));
        Assert.Equal(WriteStatus.Erased, again.Status);
        Assert.Equal(WriteStatus.Erased, reposted.Status);
        Assert.Null(await stores.Entries.GetAsync(entry.Id));
        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
        var tombstone = (await stores.Rows.RecordRowsAsync(StoredRows.Entries))[entry.Id];
        Assert.Equal(["Erased", "ErasedAt", "Programme"], tombstone.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal));
        Assert.Empty(await stores.Rows.PeriodRowsAsync(StoredRows.Entries));
        var audit = Assert.Single(await stores.Audit.ListAsync("BAR", 10));
        Assert.Equal(AuditAction.Erased, audit.Action);
    }

    [Fact]
    public async Task AnErasureTheCheckRefusesWritesNothingAndAnUnknownIdIsNotFound()
    {
        var stores = Stores.Create(azurite);
        var entry = Stores.Entry();
        await stores.Entries.CreateAsync(entry);
        var before = await stores.Rows.AllAsync(StoredRows.Entries);

        var refused = await stores.Entries.EraseAsync(entry.Id, programme => $"{programme} is not yours", Stores.Note);
        var unknown = await stores.Entries.EraseAsync(Guid.NewGuid().ToString("D"), _ => null, Stores.Note);

        Assert.Equal((WriteStatus.Refused, "BAR is not yours"), (refused.Status, refused.Refusal));
        Assert.Equal(WriteStatus.NotFound, unknown.Status);
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), (await stores.Rows.AllAsync(StoredRows.Entries)).Select(r => (r.RowKey, r.ETag)));
    }

    [Fact]
    public async Task ABatchStoresTheNewRecordsAndAnswersTheStoredOnesEachInTurn()
    {
        var stores = Stores.Create(azurite);
        var stored = Enumerable.Range(0, 30).Select(i => Stores.Entry(date: $"2022-03-{i % 28 + 1:00}")).ToList();
        await stores.Entries.CreateManyAsync(stored);
        var erased = stored[3];
        await stores.Entries.EraseAsync(erased.Id, _ => null, Stores.Note);
        var fresh = Enumerable.Range(0, 270).Select(i => Stores.Entry(date: $"2022-{i % 12 + 1:00}-{i % 28 + 1:00}")).ToList();
        var mixed = fresh.Concat(stored.Select((e, i) => i == 5 ? e with { Place = "office" } : e)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

        var outcomes = await stores.Entries.CreateManyAsync(mixed);

        for (var i = 0; i < mixed.Count; i++)
        {
            var expected = mixed[i].Id == erased.Id ? WriteStatus.Erased
                : mixed[i].Id == stored[5].Id ? WriteStatus.Conflict
                : stored.Any(s => s.Id == mixed[i].Id) ? WriteStatus.Duplicate
                : WriteStatus.Created;
            Assert.Equal(expected, outcomes[i].Status);
        }
        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
        Assert.Equal(299, (await stores.Rows.LiveIdsAsync(StoredRows.Entries)).Count);
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneIdStoreItOnceAndTellEveryOtherWhatIsStored()
    {
        var stores = Stores.Create(azurite);
        for (var trial = 0; trial < 20; trial++)
        {
            var entry = Stores.Entry();
            var variants = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? entry : entry with { Place = "office" }).ToList();

            var outcomes = await Task.WhenAll(variants.Select(v => Task.Run(() => stores.Entries.CreateAsync(v))));

            var winner = Assert.Single(outcomes, o => o.Status == WriteStatus.Created);
            var stored = (await stores.Entries.GetAsync(entry.Id))!;
            Assert.Equal(winner.Stored!.ContentHash, stored.ContentHash);
            for (var i = 0; i < variants.Count; i++)
            {
                if (outcomes[i] != winner)
                {
                    Assert.Equal(RecordJson.ContentHash(variants[i]) == stored.ContentHash ? WriteStatus.Duplicate : WriteStatus.Conflict, outcomes[i].Status);
                }
            }
        }
        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
    }

    [Fact]
    public async Task CorrectionsErasuresAndResendsRacingOnOneRecordLeaveItWholeOrErasedAndEveryAcknowledgedChangeAudited()
    {
        var stores = Stores.Create(azurite);
        for (var trial = 0; trial < 25; trial++)
        {
            var entry = Stores.Entry(date: "2022-08-10");
            var created = await stores.Entries.CreateAsync(entry);
            var etag = new ETag(created.Stored!.ETag);

            var corrections = Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() =>
                stores.Entries.UpdateAsync(entry with { Date = new DateOnly(2022, 9, 1 + i) }, etag, MayChange, Stores.Note))));
            var resends = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => stores.Entries.CreateAsync(entry))));
            var erasure = trial % 2 == 0 ? Task.Run(() => stores.Entries.EraseAsync(entry.Id, _ => null, Stores.Note)) : Task.FromResult<EraseOutcome?>(null)!;
            var (corrected, resent, erased) = (await corrections, await resends, await erasure);

            var updated = corrected.Where(c => c.Status == WriteStatus.Updated).ToList();
            Assert.True(updated.Count <= 1, "Two corrections of the same version were both kept.");
            var now = await stores.Entries.GetAsync(entry.Id);
            if (erased is not null)
            {
                Assert.Equal(WriteStatus.Erased, erased.Status);
                Assert.Null(now);
            }
            else if (updated.Count == 1)
            {
                Assert.Equal(updated[0].Stored!.Record.Date, now!.Record.Date);
            }
            else
            {
                Assert.Equal(entry.Date, now!.Record.Date);
            }
            Assert.All(resent, r => Assert.Contains(r.Status, new[] { WriteStatus.Duplicate, WriteStatus.Conflict, WriteStatus.Erased }));
        }
        Assert.Empty(await stores.Rows.BrokenInvariantsAsync(StoredRows.Entries));
        var audit = await stores.Audit.ListAsync("BAR", 1000);
        var rows = await stores.Rows.RecordRowsAsync(StoredRows.Entries);
        Assert.Equal(rows.Count(r => r.Value.GetBoolean("Erased") == true), audit.Count(a => a.Action == AuditAction.Erased));
    }
}
