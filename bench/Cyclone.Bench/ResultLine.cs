using System.Text.Json;

namespace Cyclone.Bench;

/// <summary>
/// One JSON line per repetition on stdout: <c>{"workload", "system", "rep", "metrics"}</c>. A variant of a workload
/// reports as its own system on the workload's row (w7-dwork: workload w7, system cyclone-dwork), and a hub that
/// keeps its state in PostgreSQL (<c>--store</c>) adds <c>-postgres</c> to the system (cyclone-postgres).
/// </summary>
public static class ResultLine
{
    public static void Write(BenchOptions options, int rep, IReadOnlyDictionary<string, double> metrics)
    {
        var row = Workloads.WorkloadCatalog.RowOf(options.Workload);
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["workload"] = row.Workload,
            ["system"] = options.Store is null ? row.System : $"{row.System}-postgres",
            ["rep"] = rep,
            ["metrics"] = metrics,
        });
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
