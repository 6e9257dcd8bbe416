namespace Reporting.Domain;

/// <summary>The calendar records carry their dates in, and that periods close on: Europe/Brussels.</summary>
public static class BrusselsCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>The calendar date in Brussels at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
}
