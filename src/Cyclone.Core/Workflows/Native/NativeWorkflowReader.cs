using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Dependencies;

namespace Cyclone.Core.Workflows.Native;

/// <summary>
/// Reads Cyclone's native workflow format (JSON; documented in docs/workflows.md, schema in
/// <see cref="NativeWorkflowSchema"/>). Every structural problem is reported with where it is; fields
/// the format does not know are problems too, so that a typo never passes silently.
/// </summary>
public static class NativeWorkflowReader
{
    public static readonly IReadOnlyList<string> TopFields = ["name", "description", "triggers", "nodes", "edges"];

    public static readonly IReadOnlyList<string> NodeFields =
        ["name", "command", "task", "event", "inputs", "inputPorts", "outputs", "nodes", "procs", "cpus", "memory", "gpus", "timeLimit", "retries", "priority", "labels", "workdir", "env"];

    public static readonly IReadOnlyList<string> EdgeFields = ["from", "to", "condition", "output", "input"];

    public static WorkflowDefinition? Read(ReadOnlySpan<byte> utf8, string workflowName, out IReadOnlyList<WorkflowProblem> problems)
    {
        var p = new List<WorkflowProblem>();
        problems = p;
        var options = new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };
        if (WorkflowJson.Parse(utf8, options, p) is not JsonObject root)
        {
            if (p.Count == 0)
            {
                p.Add(new WorkflowProblem("file", "a workflow is a JSON object with a nodes list"));
            }

            return null;
        }

        Unknown(root, TopFields, "", p);
        var nodes = new List<WorkflowNode>();
        if (root["nodes"] is JsonArray nodeArray)
        {
            for (var i = 0; i < nodeArray.Count; i++)
            {
                if (NativeNodeReader.Read(nodeArray[i], $"nodes[{i}]", p) is { } node)
                {
                    nodes.Add(node);
                }
            }
        }
        else
        {
            p.Add(new WorkflowProblem("nodes", "the workflow needs a nodes list"));
        }

        var edges = new List<WorkflowEdge>();
        if (root["edges"] is JsonArray edgeArray)
        {
            for (var i = 0; i < edgeArray.Count; i++)
            {
                if (ReadEdge(edgeArray[i], $"edges[{i}]", p) is { } edge)
                {
                    edges.Add(edge);
                }
            }
        }
        else if (root["edges"] is not null)
        {
            p.Add(new WorkflowProblem("edges", "edges must be a list"));
        }

        var triggers = new List<string>();
        if (root["triggers"] is JsonObject t)
        {
            Unknown(t, ["events"], "triggers.", p);
            triggers.AddRange(NativeNodeReader.Strings(t["events"], "triggers.events", p) ?? []);
        }
        else if (root["triggers"] is not null)
        {
            p.Add(new WorkflowProblem("triggers", "triggers must be an object such as {\"events\": [\"name\"]}"));
        }

        return new WorkflowDefinition
        {
            Name = workflowName,
            Description = (root["description"] as JsonValue)?.ToString(),
            Format = "native",
            Nodes = nodes,
            Edges = edges,
            TriggerEvents = triggers,
        };
    }

    private static WorkflowEdge? ReadEdge(JsonNode? node, string where, List<WorkflowProblem> p)
    {
        if (node is not JsonObject e)
        {
            p.Add(new WorkflowProblem(where, "an edge must be an object with from and to"));
            return null;
        }

        Unknown(e, EdgeFields, where + ".", p);
        var from = NativeNodeReader.Text(e["from"], where + ".from", p, required: true);
        var to = NativeNodeReader.Text(e["to"], where + ".to", p, required: true);
        var output = NativeNodeReader.Text(e["output"], where + ".output", p);
        var input = NativeNodeReader.Text(e["input"], where + ".input", p);
        var kind = DependencyKind.AfterOk;
        if (NativeNodeReader.Text(e["condition"], where + ".condition", p) is { } c && !DependencyKinds.TryParseWire(c, out kind))
        {
            p.Add(new WorkflowProblem(where + ".condition", $"'{c}' is not afterok, afterany or afternotok"));
        }

        if ((output is null) != (input is null))
        {
            p.Add(new WorkflowProblem(where, "a data edge needs both output and input"));
        }
        else if (output is not null && kind != DependencyKind.AfterOk)
        {
            p.Add(new WorkflowProblem(where + ".condition", "a data edge always waits for success (afterok): its data exists only then"));
        }

        return from is null || to is null ? null : new WorkflowEdge(from, to, kind, output, input) { Where = where };
    }

    internal static void Unknown(JsonObject o, IReadOnlyList<string> known, string prefix, List<WorkflowProblem> p)
    {
        foreach (var (key, _) in o)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                p.Add(new WorkflowProblem(prefix + key, $"unknown field '{key}'; known fields are {string.Join(", ", known)}"));
            }
        }
    }
}
