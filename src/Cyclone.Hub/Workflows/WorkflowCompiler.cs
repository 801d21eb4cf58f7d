using System.Text.Json.Nodes;
using Cyclone.Core.Parsing;
using Cyclone.Core.Resources;
using Cyclone.Core.Workflows;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Workflows;

/// <summary>
/// Turns a validated workflow into a job: one task per node, in the file's node order, with a
/// dependency per edge, an input binding per data edge, and each node's fixed parameters.
/// </summary>
public static class WorkflowCompiler
{
    public static NewJob Compile(WorkflowDefinition workflow, INodeKindCatalog catalog, string user, string? commit, DateTimeOffset now)
    {
        var indexOf = new Dictionary<string, int>(workflow.Nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < workflow.Nodes.Count; i++)
        {
            indexOf[workflow.Nodes[i].Name] = i;
        }

        var incoming = new List<WorkflowEdge>?[workflow.Nodes.Count];
        foreach (var edge in workflow.Edges)
        {
            (incoming[indexOf[edge.To]] ??= []).Add(edge);
        }

        var tasks = new NewTask[workflow.Nodes.Count];
        for (var i = 0; i < workflow.Nodes.Count; i++)
        {
            tasks[i] = CompileNode(i, workflow.Nodes[i], incoming[i] ?? [], indexOf, catalog, user);
        }

        var spec = new JsonObject { ["workflow"] = workflow.Name, ["commit"] = commit, ["nodes"] = workflow.Nodes.Count, ["edges"] = workflow.Edges.Count };
        return new NewJob(workflow.Name, user, spec.ToJsonString(), now, tasks) { Workflow = workflow.Name, WorkflowCommit = commit };
    }

    private static NewTask CompileNode(
        int index, WorkflowNode node, List<WorkflowEdge> incoming, Dictionary<string, int> indexOf, INodeKindCatalog catalog, string user)
    {
        var r = node.Resources;
        // the validator has checked both; a value that does not parse here is a bug, not input
        long memory = 0;
        if (r.Memory is not null && !ByteSizeParser.TryParse(r.Memory, out memory, out var memoryError))
        {
            throw new InvalidOperationException($"node {node.Name}: {memoryError}");
        }

        TimeSpan? limit = null;
        if (r.TimeLimit is not null && !TimeLimitParser.TryParse(r.TimeLimit, out limit, out var limitError))
        {
            throw new InvalidOperationException($"node {node.Name}: {limitError}");
        }

        var kind = node.Kind is WorkflowNode.CommandKind or WorkflowNode.EventKind ? null : catalog.Find(node.Kind);
        var inputPorts = node.Inputs.Count > 0 ? node.Inputs : kind?.Inputs ?? [];
        var bindings = incoming.Where(e => e.CarriesData)
            .Select(e => new InputBinding(e.ToInput!, indexOf[e.From], e.FromOutput!, inputPorts.FirstOrDefault(p => p.Name == e.ToInput)?.Multi ?? false))
            .ToList();
        var dependencies = incoming.Select(e => (indexOf[e.From], e.Condition)).Distinct()
            .Select(d => NewDependency.OnIndex(d.Item1, d.Condition)).ToList();
        var parameters = new JsonObject();
        foreach (var (name, value) in node.Parameters)
        {
            parameters[name] = value?.DeepClone();
        }

        var payload = new TaskPayload
        {
            Command = node.Command ?? kind?.CommandTemplate ?? [],
            Kind = kind?.Kind,
            TaskClass = kind?.TaskClass,
            Parameters = parameters.Count > 0 ? parameters.ToJsonString() : null,
            InputBindings = bindings.Count > 0 ? bindings : null,
            ProcsPerNode = r.ProcsPerNode,
            CpusPerProc = r.CpusPerProc,
            WorkingDirectory = r.WorkingDirectory,
            Environment = r.Environment,
            User = user,
        };
        var demand = new NodeDemand(r.CpusPerProc * r.ProcsPerNode, memory, r.Gpus, r.Labels);
        return new NewTask(index, node.Name, demand, r.Nodes, r.Priority, r.Retries, limit, payload)
        {
            Dependencies = dependencies,
            WaitsForEvent = node.Kind == WorkflowNode.EventKind ? node.Event : null,
        };
    }
}
