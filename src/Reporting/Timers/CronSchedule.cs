using System.Globalization;

namespace Reporting.Timers;

/// <summary>
/// An NCRONTAB expression as Azure Functions timer triggers use it: six fields, {second} {minute} {hour} {day}
/// {month} {day-of-week}, each <c>*</c>, a number, a range <c>a-b</c>, a list <c>a,b</c> or a step <c>*/n</c>,
/// <c>a-b/n</c>. Day of week 0 (or 7) is Sunday. When both day and day-of-week are restricted, either may match
/// (as in cron). Evaluated in UTC, like the Functions host without WEBSITE_TIME_ZONE.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] _seconds, _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _anyDay, _anyWeekday;

    private CronSchedule(bool[][] fields, bool anyDay, bool anyWeekday)
    {
        (_seconds, _minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        _anyDay = anyDay;
        _anyWeekday = anyWeekday;
    }

    public static CronSchedule Parse(string expression)
    {
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new FormatException($"An NCRONTAB expression has six fields: '{expression}'.");
        }
        (int Min, int Max)[] ranges = [(0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
        var fields = new bool[6][];
        for (var i = 0; i < 6; i++)
        {
            fields[i] = ParseField(parts[i], ranges[i].Min, ranges[i].Max, expression);
        }
        if (fields[5][7])
        {
            fields[5][0] = true;
        }
        return new CronSchedule(fields, parts[3] == "*", parts[5] == "*");
    }

    private static bool[] ParseField(string field, int min, int max, string expression)
    {
        var set = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw new FormatException($"Bad step in '{item}' of '{expression}'."),
            };
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                (from, to) = (Number(a), Number(b));
            }
            else
            {
                from = Number(range);
                to = step > 1 ? max : from;
            }
            if (from < min || to > max || from > to)
            {
                throw new FormatException($"'{item}' is out of range {min}-{max} in '{expression}'.");
            }
            for (var v = from; v <= to; v += step)
            {
                set[v] = true;
            }
        }
        return set;

        int Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"'{text}' is not a number in '{expression}'.");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), within about five years.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        var t = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month] || !DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            if (!_hours[t.Hour])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
                continue;
            }
            if (!_minutes[t.Minute])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
                continue;
            }
            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }
            return new DateTimeOffset(t);
        }
        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var day = _days[t.Day];
        var weekday = _weekdays[(int)t.DayOfWeek];
        return (_anyDay, _anyWeekday) switch
        {
            (true, true) => true,
            (false, true) => day,
            (true, false) => weekday,
            _ => day || weekday,
        };
    }
}
