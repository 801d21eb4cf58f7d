namespace Cyclone.Core.Resources;

/// <summary>Where a node demand can go: label and capacity checks, and all-or-nothing gang placement.</summary>
public static class Placement
{
    /// <summary>
    /// Label prefix of an agent that stands for a cluster of nodes rather than one host (an agent with the Slurm
    /// executor carries <c>cluster-nodes=N</c>, N the nodes its Slurm has): a task of up to N nodes can be placed on it
    /// whole, every node part on that one agent, which runs them as one job of that many nodes.
    /// </summary>
    public const string ClusterNodesLabelPrefix = "cluster-nodes=";

    /// <summary>The N of a <c>cluster-nodes=N</c> label among <paramref name="labels"/>; 0 when there is none (an agent of one host).</summary>
    public static int ClusterNodes(IReadOnlySet<string> labels)
    {
        foreach (var label in labels)
        {
            if (label.StartsWith(ClusterNodesLabelPrefix, StringComparison.Ordinal)
                && int.TryParse(label.AsSpan(ClusterNodesLabelPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var nodes))
            {
                return nodes;
            }
        }

        return 0;
    }

    /// <summary>
    /// True when a task of <paramref name="nodes"/> nodes (more than one) can be placed whole on one agent: it stands for
    /// a cluster of at least that many nodes (<see cref="ClusterNodesLabelPrefix"/>) and <paramref name="free"/> holds
    /// the demand of every node together.
    /// </summary>
    public static bool FitsWhole(NodeDemand demand, int nodes, AgentCapacity free, IReadOnlySet<string> agentLabels) =>
        nodes > 1 && ClusterNodes(agentLabels) >= nodes && Fits(Times(demand, nodes), free, agentLabels);

    /// <summary>The demand of <paramref name="nodes"/> nodes together.</summary>
    public static NodeDemand Times(NodeDemand demand, int nodes) =>
        demand with { Slots = demand.Slots * nodes, MemoryBytes = demand.MemoryBytes * nodes, Gpus = demand.Gpus * nodes };

    /// <summary>True when an agent carrying <paramref name="agentLabels"/> with <paramref name="free"/> can take <paramref name="demand"/>.</summary>
    public static bool Fits(NodeDemand demand, AgentCapacity free, IReadOnlySet<string> agentLabels) =>
        free.Holds(demand) && HasLabels(demand, agentLabels);

    /// <summary>
    /// True when a task with <paramref name="timeLimit"/> leased <paramref name="now"/> ends, at the latest, by
    /// <paramref name="availableUntil"/> (a pilot agent's allocation end). A task without a time limit, or an agent
    /// without an end, always fits: such a task that outlives its pilot is handed back when the pilot leaves.
    /// </summary>
    public static bool FitsInTime(TimeSpan? timeLimit, DateTimeOffset? availableUntil, DateTimeOffset now) =>
        availableUntil is not { } end || timeLimit is not { } limit || now + limit <= end;

    /// <summary>True when the agent carries every label the demand names.</summary>
    public static bool HasLabels(NodeDemand demand, IReadOnlySet<string> agentLabels)
    {
        foreach (var label in demand.Labels)
        {
            if (!agentLabels.Contains(label))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Chooses <paramref name="nodes"/> distinct agents for a gang, taking candidates in the order
    /// given (the first that asked comes first). Returns null unless all nodes can be placed at once.
    /// </summary>
    public static IReadOnlyList<TAgent>? PlaceGang<TAgent>(
        NodeDemand demand, int nodes, IEnumerable<TAgent> candidates, Func<TAgent, AgentCapacity> free, Func<TAgent, IReadOnlySet<string>> labels)
    {
        var chosen = new List<TAgent>(nodes);
        foreach (var agent in candidates)
        {
            if (Fits(demand, free(agent), labels(agent)))
            {
                chosen.Add(agent);
                if (chosen.Count == nodes)
                {
                    return chosen;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Says why a demand can never be met by agents of the given total capacities, or null when it can.
    /// </summary>
    public static string? WhyUnsatisfiable(NodeDemand demand, int nodes, IReadOnlyCollection<(AgentCapacity Total, IReadOnlySet<string> Labels)> agents)
    {
        var fitting = agents.Count(a => Fits(demand, a.Total, a.Labels));
        if (fitting >= nodes || agents.Any(a => FitsWhole(demand, nodes, a.Total, a.Labels)))
        {
            return null;
        }

        var what = $"{demand.Slots} slot(s)";
        if (demand.MemoryBytes > 0)
        {
            what += $", {Parsing.ByteSizeParser.Format(demand.MemoryBytes)} memory";
        }

        if (demand.Gpus > 0)
        {
            what += $", {demand.Gpus} GPU(s)";
        }

        if (demand.Labels.Count > 0)
        {
            what += $", labels {string.Join(',', demand.Labels)}";
        }

        return $"the job needs {nodes} distinct agent(s) with {what} each, but only {fitting} of the {agents.Count} connected agent(s) can ever hold that";
    }
}
