namespace Cyclone.Core.Scheduling;

/// <summary>
/// How long tasks of each runner class (a typed task's kind, a command's program) have recently taken,
/// from lease to successful outcome: an exponentially weighted mean over the last few dozen. Tells the
/// dispatcher which tasks are short enough to queue on an agent ahead of its free slots.
/// </summary>
public sealed class RunnerClassDurations
{
    private const double Weight = 0.1;
    private const int MinSamples = 4;
    private const int MaxClasses = 10_000;
    private readonly Dictionary<string, (double MeanMs, int Samples)> _classes = new(StringComparer.Ordinal);

    /// <summary>Records one successful attempt of <paramref name="runnerClass"/> that took <paramref name="duration"/>.</summary>
    public void Record(string? runnerClass, TimeSpan duration)
    {
        if (runnerClass is null || (_classes.Count >= MaxClasses && !_classes.ContainsKey(runnerClass)))
        {
            return;
        }

        var ms = Math.Max(0, duration.TotalMilliseconds);
        _classes[runnerClass] = _classes.TryGetValue(runnerClass, out var s)
            ? (s.MeanMs + (Weight * (ms - s.MeanMs)), s.Samples + 1)
            : (ms, 1);
    }

    /// <summary>True once a few attempts of the class were seen and they took under <paramref name="limit"/> on average.</summary>
    public bool IsShort(string? runnerClass, TimeSpan limit) =>
        runnerClass is not null && _classes.TryGetValue(runnerClass, out var s) && s.Samples >= MinSamples && s.MeanMs < limit.TotalMilliseconds;

    /// <summary>The recent mean duration of the class, or null before its first success.</summary>
    public TimeSpan? Mean(string? runnerClass) =>
        runnerClass is not null && _classes.TryGetValue(runnerClass, out var s) ? TimeSpan.FromMilliseconds(s.MeanMs) : null;
}
