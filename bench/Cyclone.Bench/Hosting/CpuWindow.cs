using System.Diagnostics;

namespace Cyclone.Bench.Hosting;

/// <summary>The CPU time a process, and this one, used over a stretch of wall-clock time.</summary>
public sealed record CpuWindow(double Seconds, double CpuSeconds, double OwnCpuSeconds)
{
    /// <summary>CPU the process used as a percentage of one core (200 is two cores busy).</summary>
    public double Percent => Seconds > 0 ? CpuSeconds / Seconds * 100 : 0;

    /// <summary>CPU this process used meanwhile, as a percentage of one core.</summary>
    public double OwnPercent => Seconds > 0 ? OwnCpuSeconds / Seconds * 100 : 0;

    /// <summary>Runs <paramref name="during"/> and answers the CPU process <paramref name="pid"/> (and this one) used meanwhile.</summary>
    public static async Task<CpuWindow> MeasureAsync(int pid, Func<Task> during)
    {
        var (cpu, own) = (ProcessStats.CpuTime(pid), ProcessStats.CpuTime(Environment.ProcessId));
        var clock = Stopwatch.StartNew();
        await during();
        var seconds = clock.Elapsed.TotalSeconds;
        return new CpuWindow(seconds, (ProcessStats.CpuTime(pid) - cpu).TotalSeconds, (ProcessStats.CpuTime(Environment.ProcessId) - own).TotalSeconds);
    }
}
