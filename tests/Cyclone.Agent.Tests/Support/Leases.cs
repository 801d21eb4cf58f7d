using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Support;

/// <summary>Builds leases for tests.</summary>
internal static class Leases
{
    private static long _nextTask = 1000;

    /// <summary>A one-node lease of <c>sh -c script</c>.</summary>
    public static Lease Shell(string script, int procs = 1, int node = 0, int nnodes = 1)
    {
        var lease = new Lease
        {
            TaskId = Interlocked.Increment(ref _nextTask),
            JobId = 7,
            Attempt = 1,
            NodeIndex = node,
            Nnodes = nnodes,
            ProcsPerNode = procs,
            CpusPerProc = 1,
        };
        lease.Nodelist.AddRange(Enumerable.Range(0, nnodes).Select(i => $"host{i}"));
        lease.Command.AddRange(["sh", "-c", script]);
        return lease;
    }
}
