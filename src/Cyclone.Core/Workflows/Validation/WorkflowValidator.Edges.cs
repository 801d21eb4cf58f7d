namespace Cyclone.Core.Workflows.Validation;

public static partial class WorkflowValidator
{
    private static void CheckEdges(
        WorkflowDefinition workflow, Dictionary<string, WorkflowNode> byName,
        Dictionary<string, (IReadOnlyList<WorkflowPort> In, IReadOnlyList<WorkflowPort> Out, bool Known)> ports, List<WorkflowProblem> p)
    {
        var feeds = new Dictionary<(string, string), int>();
        foreach (var e in workflow.Edges)
        {
            var w = string.IsNullOrEmpty(e.Where) ? $"edge {e.From} -> {e.To}" : e.Where;
            var fromOk = byName.TryGetValue(e.From, out var from);
            var toOk = byName.TryGetValue(e.To, out var to);
            if (!fromOk)
            {
                p.Add(new WorkflowProblem(w, $"edge from '{e.From}': there is no node '{e.From}'"));
            }

            if (!toOk)
            {
                p.Add(new WorkflowProblem(w, $"edge to '{e.To}': there is no node '{e.To}'"));
            }

            if (!fromOk || !toOk)
            {
                continue;
            }

            if (e.From == e.To)
            {
                p.Add(new WorkflowProblem(w, $"node '{e.From}' depends on itself"));
                continue;
            }

            if (to!.Kind == WorkflowNode.EventKind)
            {
                p.Add(new WorkflowProblem(w, $"event node '{e.To}' waits only for its event; it cannot have incoming edges"));
            }

            if (!e.CarriesData)
            {
                continue;
            }

            var (_, outs, fromKnown) = ports[e.From];
            var (ins, _, toKnown) = ports[e.To];
            var output = outs.FirstOrDefault(o => o.Name == e.FromOutput);
            var input = ins.FirstOrDefault(i => i.Name == e.ToInput);
            if (output is null && fromKnown)
            {
                p.Add(new WorkflowProblem(w, $"node '{e.From}' has no output '{e.FromOutput}'" + Declared(from!, outs, "outputs")));
            }

            if (input is null && toKnown)
            {
                p.Add(new WorkflowProblem(w, $"node '{e.To}' has no input '{e.ToInput}'" + Declared(to, ins, "inputPorts")));
            }

            if (output is not null && input is not null && !ValueTypes.Fits(output.Type, input.Type))
            {
                p.Add(new WorkflowProblem(w, $"type mismatch: output '{e.From}.{e.FromOutput}' is {output.Type} but input '{e.To}.{e.ToInput}' takes {input.Type}"));
            }

            if (input is not null)
            {
                var count = feeds[(e.To, input.Name)] = feeds.GetValueOrDefault((e.To, input.Name)) + 1;
                if (count == 2 && !input.Multi)
                {
                    p.Add(new WorkflowProblem(w, $"input '{e.To}.{input.Name}' takes one value but more than one edge feeds it"));
                }

                if (count == 1 && to.Parameters.ContainsKey(input.Name))
                {
                    p.Add(new WorkflowProblem(w, $"input '{e.To}.{input.Name}' has a fixed value and is fed by an edge; keep one"));
                }
            }
        }
    }

    private static string Declared(WorkflowNode node, IReadOnlyList<WorkflowPort> ports, string field) =>
        ports.Count > 0
            ? $"; it has {string.Join(", ", ports.Select(x => x.Name))}"
            : node.Kind == WorkflowNode.CommandKind ? $"; a command node declares what it takes and gives in {field}" : "";
}
