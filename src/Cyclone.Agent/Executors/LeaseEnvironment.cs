using System.Globalization;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors;

/// <summary>The variables that tell one process of a lease where it stands in its job.</summary>
public static class LeaseEnvironment
{
    /// <summary>Variables of the agent's environment that hold or point to its credentials; removed from every task's environment.</summary>
    public static IReadOnlyList<string> AgentSecrets => Cyclone.Client.SecretVariables.Names;

    /// <summary>
    /// The <c>CYCLONE_*</c> variables (and their <c>CM_*</c> aliases) of process <paramref name="localId"/>
    /// of <paramref name="lease"/>: ranks count node by node, <c>procs_per_node</c> processes on each.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(Lease lease, int localId)
    {
        var procs = ProcsPerNode(lease);
        var nnodes = Math.Max(1, lease.Nnodes);
        var procId = (lease.NodeIndex * procs) + localId;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CYCLONE_JOB_ID"] = Text(lease.JobId),
            ["CYCLONE_TASK_ID"] = Text(lease.TaskId),
            ["CYCLONE_TASK_INDEX"] = Text(lease.TaskIndex),
            ["CYCLONE_ATTEMPT"] = Text(lease.Attempt),
            ["CYCLONE_NODEID"] = Text(lease.NodeIndex),
            ["CYCLONE_NNODES"] = Text(nnodes),
            ["CYCLONE_LOCALID"] = Text(localId),
            ["CYCLONE_PROCID"] = Text(procId),
            ["CYCLONE_NPROCS"] = Text((long)nnodes * procs),
            ["CYCLONE_NODELIST"] = string.Join(',', lease.Nodelist),
            ["CYCLONE_NODENAME"] = lease.NodeIndex < lease.Nodelist.Count ? lease.Nodelist[lease.NodeIndex] : "",
            ["CM_NODE_RANK"] = Text(lease.NodeIndex),
            ["CM_PROC_RANK"] = Text(procId),
        };
    }

    /// <summary>Processes to start on this node: <c>procs_per_node</c>, at least one.</summary>
    public static int ProcsPerNode(Lease lease) => Math.Max(1, lease.ProcsPerNode);

    /// <summary>
    /// The nodes this one lease stands for: all of the task's when the hub placed it whole on this agent (every entry of
    /// its node list is the same agent, one that stands for a cluster: a Slurm agent runs it as one job of that many
    /// nodes); else one.
    /// </summary>
    public static int NodesOf(Lease lease) =>
        lease.Nnodes > 1 && lease.Nodelist.Count == lease.Nnodes && lease.Nodelist.All(n => n == lease.Nodelist[0]) ? lease.Nnodes : 1;

    /// <summary>The slots the lease holds, counted as the hub counts them: processes per node times CPUs per process, for each node it stands for.</summary>
    public static int Slots(Lease lease) => ProcsPerNode(lease) * Math.Max(1, lease.CpusPerProc) * NodesOf(lease);

    /// <summary>The global rank of process <paramref name="localId"/> of <paramref name="lease"/>.</summary>
    public static int Rank(Lease lease, int localId) => (lease.NodeIndex * ProcsPerNode(lease)) + localId;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
