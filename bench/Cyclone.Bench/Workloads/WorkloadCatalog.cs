namespace Cyclone.Bench.Workloads;

/// <summary>Runs one repetition of a workload and answers its figures.</summary>
public delegate Task<IReadOnlyDictionary<string, double>> Workload(BenchOptions options, CancellationToken ct);

/// <summary>The workloads by the names bench/README.md gives them.</summary>
public static class WorkloadCatalog
{
    private static readonly Dictionary<string, Workload> All = new(StringComparer.Ordinal)
    {
        ["w1"] = ThroughputWorkloads.NoopAsync,
        ["w2"] = ThroughputWorkloads.CommandAsync,
        ["w3"] = LatencyWorkload.RunAsync,
        ["w4-layered"] = DagWorkloads.LayeredAsync,
        ["w4-chain"] = DagWorkloads.ChainAsync,
        ["w5"] = MillionSubmitWorkload.RunAsync,
        ["w6"] = SwarmWorkload.RunAsync,
        ["w7"] = PullWorkload.RunAsync,
        ["w7-dwork"] = DworkWorkload.RunAsync,
    };

    /// <summary>Variants of a workload that the report shows as their own system on that workload's table.</summary>
    private static readonly Dictionary<string, (string Workload, string System)> Variants = new(StringComparer.Ordinal)
    {
        ["w7-dwork"] = ("w7", "cyclone-dwork"),
    };

    public static IEnumerable<string> Names => All.Keys;

    /// <summary>The workload and system a result of <paramref name="name"/> is reported under.</summary>
    public static (string Workload, string System) RowOf(string name) => Variants.GetValueOrDefault(name, (name, "cyclone"));

    public static Workload? Find(string name) => All.GetValueOrDefault(name);
}
