namespace Cyclone.Core.Workflows.Validation;

public static partial class WorkflowValidator
{
    private const int MaxCyclesReported = 10;

    /// <summary>Kahn's algorithm; what it cannot order lies on or below a cycle, and walking back through it names each cycle.</summary>
    private static void FindCycles(WorkflowDefinition workflow, Dictionary<string, WorkflowNode> byName, List<WorkflowProblem> p)
    {
        var index = new Dictionary<string, int>(byName.Count, StringComparer.Ordinal);
        var names = new List<string>(byName.Count);
        foreach (var name in byName.Keys)
        {
            index[name] = names.Count;
            names.Add(name);
        }

        var outgoing = new List<int>?[names.Count];
        var incoming = new List<int>?[names.Count];
        var indegree = new int[names.Count];
        foreach (var e in workflow.Edges)
        {
            if (index.TryGetValue(e.From, out var f) && index.TryGetValue(e.To, out var t) && f != t)
            {
                (outgoing[f] ??= []).Add(t);
                (incoming[t] ??= []).Add(f);
                indegree[t]++;
            }
        }

        var queue = new Queue<int>(Enumerable.Range(0, names.Count).Where(i => indegree[i] == 0));
        var ordered = 0;
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            ordered++;
            foreach (var t in outgoing[n] ?? [])
            {
                if (--indegree[t] == 0)
                {
                    queue.Enqueue(t);
                }
            }
        }

        if (ordered == names.Count)
        {
            return;
        }

        // every node left has a predecessor that is left too: walking back must come round
        var done = new bool[names.Count];
        var reported = 0;
        for (var start = 0; start < names.Count && reported < MaxCyclesReported; start++)
        {
            if (indegree[start] == 0 || done[start])
            {
                continue;
            }

            var position = new Dictionary<int, int>();
            var walk = new List<int>();
            var at = start;
            while (!position.ContainsKey(at) && !done[at])
            {
                position[at] = walk.Count;
                walk.Add(at);
                at = incoming[at]!.First(u => indegree[u] > 0);
            }

            if (!done[at])
            {
                var cycle = walk.Skip(position[at]).Reverse().Select(i => names[i]).ToList();
                p.Add(new WorkflowProblem(byName[cycle[0]].Where, $"cycle: {string.Join(" → ", cycle)} → {cycle[0]}"));
                reported++;
            }

            foreach (var n in walk)
            {
                done[n] = true;
            }
        }
    }
}
