using Azure;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

[Collection(AzuriteTests.Name)]
public sealed class AuditLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AProgrammesTrailListsItsCorrectionsAndErasuresOfBothKindsNewestFirstUpToTheMax()
    {
        var time = new FixedTime(new DateTimeOffset(2022, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var stores = Stores.Create(azurite, time: time);
        var entries = Enumerable.Range(0, 12).Select(_ => Stores.Entry()).ToList();
        await stores.Entries.CreateManyAsync(entries);
        var errors = new ValidationErrors();
        var activity = Samples.Reader().ReadActivity(Samples.Activity().ToElement(), errors)!;
        var created = await stores.Activities.CreateAsync(activity);
        for (var i = 0; i < entries.Count; i++)
        {
            time.Now = time.Now.AddMinutes(1);
            var stored = await stores.Entries.GetAsync(entries[i].Id);
            await stores.Entries.UpdateAsync(entries[i] with { Place = "office" }, new ETag(stored!.ETag), _ => null, new AuditNote("key:c", $"R{i}"));
        }
        time.Now = time.Now.AddMinutes(1);
        await stores.Activities.EraseAsync(activity.Id, _ => null, new AuditNote("key:c", "ERASE-1"));

        var all = await stores.Audit.ListAsync("BAR", 100);
        var latest = await stores.Audit.ListAsync("BAR", 3);

        Assert.Equal(13, all.Count);
        Assert.Equal(all.OrderByDescending(a => a.At).Select(a => a.Reason), all.Select(a => a.Reason));
        Assert.Equal(["ERASE-1", "R11", "R10"], latest.Select(a => a.Reason));
        Assert.Equal(("activity", AuditAction.Erased, activity.Id), (latest[0].Kind, latest[0].Action, latest[0].RecordId));
        Assert.Empty(await stores.Audit.ListAsync("CHW", 100));
        Assert.NotNull(created.Stored);
    }
}
