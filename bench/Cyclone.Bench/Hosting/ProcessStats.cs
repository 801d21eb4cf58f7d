using System.Globalization;

namespace Cyclone.Bench.Hosting;

/// <summary>What /proc says of a process: peak and current resident memory, and CPU time used.</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Peak resident set (VmHWM) in MiB.</summary>
    public static double PeakResidentMiB(int pid) => StatusKiB(pid, "VmHWM:") / 1024.0;

    /// <summary>Current resident set (VmRSS) in MiB.</summary>
    public static double ResidentMiB(int pid) => StatusKiB(pid, "VmRSS:") / 1024.0;

    /// <summary>User plus system CPU time of the process so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long StatusKiB(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
