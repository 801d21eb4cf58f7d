using System.Diagnostics;

namespace Cyclone.Bench.Hosting;

/// <summary>The CPU time a process used over a stretch of wall-clock time.</summary>
public sealed record CpuWindow(double Seconds, double CpuSeconds)
{
    /// <summary>CPU used as a percentage of one core (200 is two cores busy).</summary>
    public double Percent => Seconds > 0 ? CpuSeconds / Seconds * 100 : 0;

    /// <summary>Runs <paramref name="during"/> and answers the CPU process <paramref name="pid"/> used meanwhile.</summary>
    public static async Task<CpuWindow> MeasureAsync(int pid, Func<Task> during)
    {
        var cpu = ProcessStats.CpuTime(pid);
        var clock = Stopwatch.StartNew();
        await during();
        var used = ProcessStats.CpuTime(pid) - cpu;
        return new CpuWindow(clock.Elapsed.TotalSeconds, used.TotalSeconds);
    }
}
