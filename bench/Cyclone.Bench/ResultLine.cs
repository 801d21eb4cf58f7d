using System.Text.Json;

namespace Cyclone.Bench;

/// <summary>
/// One JSON line per repetition on stdout: <c>{"workload", "system": "cyclone", "rep", "metrics"}</c>. A variant of a
/// workload reports as its own system on the workload's row (w7-dwork: workload w7, system cyclone-dwork).
/// </summary>
public static class ResultLine
{
    public static void Write(string workload, int rep, IReadOnlyDictionary<string, double> metrics)
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["workload"] = Workloads.WorkloadCatalog.RowOf(workload).Workload,
            ["system"] = Workloads.WorkloadCatalog.RowOf(workload).System,
            ["rep"] = rep,
            ["metrics"] = metrics,
        });
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
