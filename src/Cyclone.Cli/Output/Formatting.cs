using System.Globalization;

namespace Cyclone.Cli.Output;

/// <summary>How the CLI shows times, sizes and lists.</summary>
public static class Formatting
{
    /// <summary>The order states are listed in, live ones first.</summary>
    public static readonly IReadOnlyList<string> StateOrder =
        ["RUNNING", "PENDING", "BLOCKED", "COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "UPSTREAM_FAILED"];

    /// <summary>A past moment relative to <paramref name="now"/>: <c>3s ago</c>, <c>5m ago</c>, <c>2h ago</c>, <c>4d ago</c>; <c>-</c> when null.</summary>
    public static string Ago(DateTimeOffset? moment, DateTimeOffset now)
    {
        if (moment is null)
        {
            return "-";
        }

        var age = now - moment.Value;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds}s ago"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m ago"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h ago"
            : $"{(int)age.TotalDays}d ago";
    }

    /// <summary>Bytes as GiB with one decimal (<c>15.6</c>); <c>-</c> when unknown.</summary>
    public static string GiB(long bytes) =>
        bytes <= 0 ? "-" : (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A moment in local time, to the second.</summary>
    public static string When(DateTimeOffset? moment) =>
        moment is null ? "-" : moment.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A number, or <c>-</c> when there is none.</summary>
    public static string Num(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Counts by state in <see cref="StateOrder"/> (others after): <c>2 RUNNING, 1 PENDING</c>; <c>none</c> when empty.</summary>
    public static string ByState(IReadOnlyDictionary<string, long> counts)
    {
        var known = StateOrder.Where(counts.ContainsKey);
        var others = counts.Keys.Except(StateOrder, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var parts = known.Concat(others).Where(s => counts[s] > 0).Select(s => $"{counts[s]} {s}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>Splits <c>a,b</c> lists (given once or repeated) into trimmed, non-empty items.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
