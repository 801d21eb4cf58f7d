namespace Cyclone.Tasks.Tests.Builtin.FileSystem;

/// <summary>A clock whose every reading is <paramref name="step"/> later than the one before: each timed step seems to take that long.</summary>
internal sealed class SteppingTime(TimeSpan step) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
}
