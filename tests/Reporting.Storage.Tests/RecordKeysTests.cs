namespace Reporting.Storage.Tests;

public sealed class RecordKeysTests
{
    [Fact]
    public void AnIdAlwaysHasTheSamePartitionAndIdsSpreadOverAllSixteen()
    {
        var ids = Enumerable.Range(0, 4000).Select(i => new Guid(i, 0, 0, new byte[8]).ToString("D")).ToList();

        var counts = ids.GroupBy(RecordKeys.PartitionOf).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(RecordKeys.AllPartitions.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, c => Assert.InRange(c, 150, 350));
        Assert.Equal(RecordKeys.PartitionOf(ids[7]), RecordKeys.PartitionOf(ids[7]));
    }

    [Fact]
    public void APeriodsRangeHoldsItsMonthsOfItsProgrammeAndNothingElse()
    {
        var (from, before) = RecordKeys.PeriodRange("BAR", new DateOnly(2022, 1, 1), new DateOnly(2022, 3, 31));
        var id = Guid.NewGuid().ToString("D");
        bool Inside(string key) => string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, before) < 0;

        Assert.True(Inside(RecordKeys.PeriodRow("BAR", new DateOnly(2022, 1, 1), id)));
        Assert.True(Inside(RecordKeys.PeriodRow("BAR", new DateOnly(2022, 3, 31), id)));
        Assert.False(Inside(RecordKeys.PeriodRow("BAR", new DateOnly(2021, 12, 31), id)));
        Assert.False(Inside(RecordKeys.PeriodRow("BAR", new DateOnly(2022, 4, 1), id)));
        Assert.False(Inside(RecordKeys.PeriodRow("BARX", new DateOnly(2022, 2, 1), id)));
        Assert.False(Inside(RecordKeys.PeriodRow("GA", new DateOnly(2022, 2, 1), id)));
        Assert.False(Inside(RecordKeys.RecordRow(id)));
        Assert.False(Inside(RecordKeys.MovesRow));
    }

    [Fact]
    public void AProgrammesAuditRowsSortNewestFirstAndApartFromEverythingElse()
    {
        var id = Guid.NewGuid().ToString("D");
        var (from, before) = RecordKeys.AuditRange("BAR");
        var older = RecordKeys.AuditRow("BAR", new DateTimeOffset(2022, 3, 1, 10, 0, 0, TimeSpan.Zero), id, 0);
        var newer = RecordKeys.AuditRow("BAR", new DateTimeOffset(2022, 3, 1, 10, 0, 1, TimeSpan.Zero), id, 0);

        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.All(new[] { older, newer }, k => Assert.True(string.CompareOrdinal(k, from) >= 0 && string.CompareOrdinal(k, before) < 0));
        Assert.False(string.CompareOrdinal(RecordKeys.AuditRow("CHW", DateTimeOffset.UnixEpoch, id, 0), from) >= 0 && string.CompareOrdinal(RecordKeys.AuditRow("CHW", DateTimeOffset.UnixEpoch, id, 0), before) < 0);
    }

    [Fact]
    public void ARowKeySaysWhichRowItIsAndWhoseId()
    {
        var id = Guid.NewGuid().ToString("D");

        Assert.True(RecordKeys.IsRecordRow(RecordKeys.RecordRow(id)));
        Assert.Equal(id, RecordKeys.IdOfRecordRow(RecordKeys.RecordRow(id)));
        Assert.True(RecordKeys.IsPeriodRow(RecordKeys.PeriodRow("BAR", new DateOnly(2022, 3, 14), id)));
        Assert.False(RecordKeys.IsPeriodRow(RecordKeys.RecordRow(id)));
        Assert.False(RecordKeys.IsRecordRow(RecordKeys.MovesRow));
    }
}
