using System.Text.Json;

namespace Cyclone.Bench;

/// <summary>One JSON line per repetition on stdout: <c>{"workload", "system": "cyclone", "rep", "metrics"}</c>.</summary>
public static class ResultLine
{
    public static void Write(string workload, int rep, IReadOnlyDictionary<string, double> metrics)
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["workload"] = workload,
            ["system"] = "cyclone",
            ["rep"] = rep,
            ["metrics"] = metrics,
        });
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
