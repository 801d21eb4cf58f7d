namespace Cyclone.Core.Estimates;

/// <summary>Past durations of tasks by key, and the typical duration the estimator assumes.</summary>
public sealed class DurationHistory
{
    /// <summary>The most recent durations per key that count; older ones are ignored.</summary>
    public const int MaxSamples = 20;

    private readonly Dictionary<string, List<TimeSpan>> _byKey = new(StringComparer.Ordinal);

    /// <summary>Adds a duration, newest first: once a key has <see cref="MaxSamples"/>, older ones are dropped.</summary>
    public void Add(string key, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return;
        }

        if (!_byKey.TryGetValue(key, out var list))
        {
            _byKey[key] = list = [];
        }

        if (list.Count < MaxSamples)
        {
            list.Add(duration);
        }
    }

    /// <summary>The median of the kept durations of <paramref name="key"/> and how many there were; null without any.</summary>
    public (TimeSpan Typical, int Samples)? Typical(string key)
    {
        if (!_byKey.TryGetValue(key, out var list) || list.Count == 0)
        {
            return null;
        }

        var sorted = list.Order().ToList();
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return (median, sorted.Count);
    }
}
