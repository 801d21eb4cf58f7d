using Cronos;

namespace Cyclone.Hub.Timers;

/// <summary>
/// When a timer fires: once after a delay (<c>in</c>, e.g. <c>10m</c>), at a fixed interval (<c>every</c>,
/// e.g. <c>1h</c>; firings fall on the start time plus whole intervals), or by a cron expression
/// (<c>cron</c>, five fields, UTC, e.g. <c>0 3 * * *</c>). Durations are numbers with units s, m, h, d,
/// combined as in <c>1h30m</c>.
/// </summary>
public sealed class TimerSchedule
{
    private readonly TimeSpan _interval;
    private readonly CronExpression? _cron;

    private TimerSchedule(string kind, string spec, TimeSpan interval, CronExpression? cron)
    {
        Kind = kind;
        Spec = spec;
        _interval = interval;
        _cron = cron;
    }

    public string Kind { get; }

    public string Spec { get; }

    /// <summary>True for a schedule that fires once.</summary>
    public bool IsOnce => Kind == "in";

    public static bool TryParse(string kind, string spec, out TimerSchedule? schedule, out string error)
    {
        schedule = null;
        error = string.Empty;
        switch (kind)
        {
            case "in" or "every":
                if (!Cyclone.Core.Parsing.DurationParser.TryParse(spec, out var interval) || interval < TimeSpan.FromSeconds(1))
                {
                    error = $"'{spec}' is not a duration of at least one second such as 30s, 10m, 1h30m or 2d";
                    return false;
                }

                schedule = new TimerSchedule(kind, spec, interval, null);
                return true;
            case "cron":
                try
                {
                    schedule = new TimerSchedule(kind, spec, TimeSpan.Zero, CronExpression.Parse(spec));
                    return true;
                }
                catch (CronFormatException ex)
                {
                    error = $"'{spec}' is not a cron expression of five fields (minute hour day month weekday): {ex.Message}";
                    return false;
                }

            default:
                error = $"'{kind}' is not a timer kind; use in, every or cron";
                return false;
        }
    }

    /// <summary>The first firing of a timer created at <paramref name="created"/>.</summary>
    public DateTimeOffset? First(DateTimeOffset created) => _cron is null ? created + _interval : Next(created, created);

    /// <summary>The first firing strictly after <paramref name="after"/> (null for a one-shot timer, which fires once).</summary>
    public DateTimeOffset? Next(DateTimeOffset created, DateTimeOffset after)
    {
        if (_cron is not null)
        {
            return _cron.GetNextOccurrence(after, TimeZoneInfo.Utc);
        }

        if (IsOnce)
        {
            return null;
        }

        var periods = (long)Math.Floor((after - created) / _interval) + 1;
        return created + (_interval * Math.Max(1, periods));
    }

    /// <summary>How many firings fell in (<paramref name="due"/>, <paramref name="now"/>], after the one due at <paramref name="due"/>.</summary>
    public int MissedSince(DateTimeOffset created, DateTimeOffset due, DateTimeOffset now)
    {
        var count = 1;
        for (var next = Next(created, due); next is { } n && n <= now && count < 1_000_000; next = Next(created, n))
        {
            count++;
        }

        return count;
    }
}
