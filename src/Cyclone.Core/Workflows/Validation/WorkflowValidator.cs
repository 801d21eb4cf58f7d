using Cyclone.Core.Parsing;

namespace Cyclone.Core.Workflows.Validation;

/// <summary>
/// Checks a whole workflow before anything is stored and reports every problem, each once: size,
/// names, duplicates, unknown kinds (all in one problem), fields, edges and their ports, types, and cycles
/// (each named). Linear in nodes and edges; no recursion.
/// </summary>
public static partial class WorkflowValidator
{
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition workflow, INodeKindCatalog catalog, WorkflowLimits limits)
    {
        var p = new List<WorkflowProblem>();
        if (workflow.Nodes.Count > limits.MaxNodes || workflow.Edges.Count > limits.MaxEdges)
        {
            p.Add(new WorkflowProblem("workflow", $"the workflow has {workflow.Nodes.Count} nodes and {workflow.Edges.Count} edges; at most {limits.MaxNodes} nodes and {limits.MaxEdges} edges are allowed"));
            return p;
        }

        if (workflow.Nodes.Count == 0)
        {
            p.Add(new WorkflowProblem("nodes", "the workflow has no nodes"));
        }

        var byName = new Dictionary<string, WorkflowNode>(workflow.Nodes.Count, StringComparer.Ordinal);
        var duplicates = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Name) || node.Name.Length > limits.MaxNameLength)
            {
                p.Add(new WorkflowProblem(node.Where, $"a node name must be 1 to {limits.MaxNameLength} characters"));
            }

            if (!byName.TryAdd(node.Name, node))
            {
                (duplicates.TryGetValue(node.Name, out var list) ? list : duplicates[node.Name] = [byName[node.Name].Where]).Add(node.Where);
            }
        }

        foreach (var (name, places) in duplicates)
        {
            p.Add(new WorkflowProblem(places[0], $"duplicate node name '{name}' at {string.Join(", ", places)}"));
        }

        var kinds = new Dictionary<string, NodeKindInfo?>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var node in workflow.Nodes)
        {
            if (node.Kind is WorkflowNode.CommandKind or WorkflowNode.EventKind)
            {
                continue;
            }

            if (!kinds.TryGetValue(node.Kind, out var info))
            {
                kinds[node.Kind] = info = string.IsNullOrEmpty(node.Kind) ? null : catalog.Find(node.Kind);
            }

            if (info is null)
            {
                unknown.Add($"{(node.Kind.Length == 0 ? "(none)" : node.Kind)} ({node.Name})");
            }
        }

        if (unknown.Count > 0)
        {
            p.Add(new WorkflowProblem("nodes", $"unknown node kinds: {string.Join(", ", unknown)}"));
        }

        var ports = new Dictionary<string, (IReadOnlyList<WorkflowPort> In, IReadOnlyList<WorkflowPort> Out, bool Known)>(StringComparer.Ordinal);
        foreach (var node in byName.Values)
        {
            var info = kinds.GetValueOrDefault(node.Kind);
            var known = node.Kind is WorkflowNode.CommandKind or WorkflowNode.EventKind || info is not null;
            ports[node.Name] = (node.Inputs.Count > 0 ? node.Inputs : info?.Inputs ?? [], node.Outputs.Count > 0 ? node.Outputs : info?.Outputs ?? [], known);
            CheckNode(node, ports[node.Name].In, p);
        }

        CheckEdges(workflow, byName, ports, p);
        foreach (var e in workflow.TriggerEvents)
        {
            if (!IsEventName(e))
            {
                p.Add(new WorkflowProblem("triggers.events", $"'{e}' is not an event name: 1-200 letters, digits, '.', '_', ':' or '-'"));
            }
        }

        FindCycles(workflow, byName, p);
        return p;
    }

    internal static bool IsEventName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 200 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    private static void CheckNode(WorkflowNode node, IReadOnlyList<WorkflowPort> inputs, List<WorkflowProblem> p)
    {
        var w = node.Where;
        switch (node.Kind)
        {
            case WorkflowNode.CommandKind when node.Command is not { Count: > 0 } || string.IsNullOrWhiteSpace(node.Command[0]):
                p.Add(new WorkflowProblem(w, "a command node needs a non-empty command"));
                break;
            case WorkflowNode.EventKind when !IsEventName(node.Event):
                p.Add(new WorkflowProblem(w, $"'{node.Event}' is not an event name: 1-200 letters, digits, '.', '_', ':' or '-'"));
                break;
        }

        var r = node.Resources;
        Range(p, w, "nodes", r.Nodes, 1, 10_000);
        Range(p, w, "procs", r.ProcsPerNode, 1, 10_000);
        Range(p, w, "cpus", r.CpusPerProc, 1, 10_000);
        Range(p, w, "gpus", r.Gpus, 0, 1024);
        Range(p, w, "retries", r.Retries, 0, 100);
        if (r.Memory is not null && !ByteSizeParser.TryParse(r.Memory, out _, out var memoryError))
        {
            p.Add(new WorkflowProblem(w + ".memory", memoryError));
        }

        if (r.TimeLimit is not null && !TimeLimitParser.TryParse(r.TimeLimit, out _, out var limitError))
        {
            p.Add(new WorkflowProblem(w + ".timeLimit", limitError));
        }

        if (r.WorkingDirectory is { } wd && !Path.IsPathFullyQualified(wd))
        {
            p.Add(new WorkflowProblem(w + ".workdir", $"'{wd}' must be an absolute path"));
        }

        foreach (var (name, value) in node.Parameters)
        {
            var port = inputs.FirstOrDefault(i => i.Name == name);
            if (port is null)
            {
                if (inputs.Count > 0 && node.Kind != WorkflowNode.CommandKind)
                {
                    p.Add(new WorkflowProblem($"{w}.inputs.{name}", $"{node.Kind} has no input '{name}'; its inputs are {string.Join(", ", inputs.Select(i => i.Name))}"));
                }
            }
            else if (!ValueTypes.Accepts(port.Type, value) && !(port.Multi && value is System.Text.Json.Nodes.JsonArray a && a.All(v => ValueTypes.Accepts(port.Type, v))))
            {
                p.Add(new WorkflowProblem($"{w}.inputs.{name}", $"input '{name}' takes a {port.Type}, not {value!.ToJsonString()}"));
            }
        }
    }

    private static void Range(List<WorkflowProblem> p, string where, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            p.Add(new WorkflowProblem($"{where}.{field}", $"{field} is {value}; it must be between {min} and {max}"));
        }
    }
}
