using System.Text.Json;

namespace Cyclone.Bench;

/// <summary>
/// One JSON line per repetition on stdout: <c>{"workload", "system", "rep", "metrics"}</c>; the system is <c>cyclone</c>, or
/// <c>cyclone-postgres</c> when the hub keeps its state in PostgreSQL (<c>--store</c>).
/// </summary>
public static class ResultLine
{
    public static void Write(BenchOptions options, int rep, IReadOnlyDictionary<string, double> metrics)
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["workload"] = options.Workload,
            ["system"] = options.Store is null ? "cyclone" : "cyclone-postgres",
            ["rep"] = rep,
            ["metrics"] = metrics,
        });
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
