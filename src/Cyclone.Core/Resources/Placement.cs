namespace Cyclone.Core.Resources;

/// <summary>Where a node demand can go: label and capacity checks, and all-or-nothing gang placement.</summary>
public static class Placement
{
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
        if (fitting >= nodes)
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
