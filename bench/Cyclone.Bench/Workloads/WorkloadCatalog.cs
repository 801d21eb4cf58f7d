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
    };

    public static IEnumerable<string> Names => All.Keys;

    public static Workload? Find(string name) => All.GetValueOrDefault(name);
}
