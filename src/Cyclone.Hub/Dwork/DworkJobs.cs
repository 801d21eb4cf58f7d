using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;
using Cyclone.Protocol.Dwork;

namespace Cyclone.Hub.Dwork;

/// <summary>How dwork tasks become Cyclone jobs: one job per Create, named after the client's origin.</summary>
internal static class DworkJobs
{
    /// <summary>Every dwork job's name starts with this; the origin follows.</summary>
    public const string JobPrefix = "dwork:";

    /// <summary>
    /// The label of dwork tasks that only dwork workers may take: labels starting with <see cref="ReservedLabelPrefix"/>
    /// are refused to agents, so no agent carries it.
    /// </summary>
    public const string WorkerLabel = ReservedLabelPrefix + "worker";

    public const string ReservedLabelPrefix = "dwork:";

    public static bool IsReservedLabel(string label) => label.StartsWith(ReservedLabelPrefix, StringComparison.Ordinal);

    public static string JobName(string origin) => JobPrefix + origin;

    public static string OriginOf(string jobName) => jobName.StartsWith(JobPrefix, StringComparison.Ordinal) ? jobName[JobPrefix.Length..] : jobName;

    /// <summary>What each node of a dwork task needs: one slot, and the worker label unless agents may run it.</summary>
    public static NodeDemand Demand(bool runNames) => runNames ? NodeDemand.OneSlot : new NodeDemand(1, 0, 0, [WorkerLabel]);

    /// <summary>Cyclone's state as a dwork state (docs/dwork.md has the table).</summary>
    public static State StateOf(TaskState state) => state switch
    {
        TaskState.Blocked => State.Waiting,
        TaskState.Pending => State.Ready,
        TaskState.Running => State.Stolen,
        TaskState.Completed => State.Done,
        _ => State.Recorded,
    };
}
