using System.Globalization;
using System.Text;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>The table the fault suite prints at its end: faults injected, and what became of the work.</summary>
internal static class FaultSummary
{
    public static string Format(int seed, TimeSpan took, FaultCounts faults, Workload workload, FaultInjector injector, InvariantReport report)
    {
        var rows = new List<(string, string)>();
        rows.AddRange(faults.All().Select(f => ($"fault: {f.Fault}", Text(f.Count))));
        rows.Add(("agents restarted in place of killed ones", Text(injector.Replacements)));
        rows.Add(("concurrent clients", Text(Workload.Clients)));
        rows.Add(("jobs acknowledged", Text(workload.Acknowledged.Count)));
        rows.Add(("submissions refused while the disk was full (507)", Text(workload.RefusedWhileFull)));
        rows.Add(("tasks", Text(report.Tasks)));
        rows.Add(("attempts", Text(report.Attempts)));
        rows.Add(("redispatches", Text(report.Redispatches)));
        rows.Add(("execution records", Text(report.ExecutedRecords)));
        rows.Add(("lost", Text(report.Lost)));
        rows.Add(("duplicated records", Text(report.Duplicated)));
        rows.Add(("invariant violations", Text(report.Violations.Count)));
        var width = rows.Max(r => r.Item1.Length);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== fault suite summary (seed {seed}, {took.TotalSeconds:0} s)");
        foreach (var (name, value) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {value,8}");
        }

        foreach (var violation in report.Violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  VIOLATION: {violation}");
        }

        return text.ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
