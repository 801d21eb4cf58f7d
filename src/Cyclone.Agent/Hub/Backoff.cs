namespace Cyclone.Agent.Hub;

/// <summary>
/// Waits between attempts to reach the hub: 1 s, doubling up to a maximum, each wait spread by ±20 %
/// jitter so that many agents restarted together do not knock on the hub in step.
/// </summary>
public sealed class Backoff
{
    /// <summary>The first wait (before jitter).</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    /// <summary>How far jitter moves a wait, as a fraction of it.</summary>
    public const double JitterFraction = 0.2;

    private readonly TimeSpan _max;
    private readonly Func<double> _random;
    private int _failures;

    /// <param name="max">The longest wait; no jittered wait exceeds it.</param>
    /// <param name="random">Source of uniform numbers in [0, 1); by default a shared random generator.</param>
    public Backoff(TimeSpan max, Func<double>? random = null)
    {
        _max = max < Initial ? Initial : max;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The wait before the next attempt; each call without <see cref="Reset"/> doubles the base.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseTicks = Math.Min(Initial.Ticks * (double)(1L << exponent), _max.Ticks);
        var factor = 1 - JitterFraction + (2 * JitterFraction * _random());
        return TimeSpan.FromTicks((long)Math.Min(baseTicks * factor, _max.Ticks));
    }

    /// <summary>Starts again at the first wait (after a successful connection).</summary>
    public void Reset() => _failures = 0;
}
