using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Core.Workflows.Nodeworks;

/// <summary>
/// Reads a Nodeworks file (<c>.nc</c>): a flat JSON object keyed by unique name. Entries of type
/// <c>Node</c> become nodes (kind: their <c>path</c> joined with dots, ports: their terminals);
/// entries of type <c>Connection</c> become data edges from <c>input</c> (the upstream end) to <c>output</c>.
/// Unconnected input terminals keep their stored values as parameters; a node without inputs (a value
/// node) gets its output terminals' stored values as parameters.
/// </summary>
public static class NodeworksReader
{
    /// <summary>Deepest nesting read; the output writer reads what the reader accepted with the same limit.</summary>
    internal const int MaxDepth = 256;

    public static WorkflowDefinition? Read(ReadOnlySpan<byte> utf8, string workflowName, out IReadOnlyList<WorkflowProblem> problems)
    {
        var found = new List<WorkflowProblem>();
        problems = found;
        if (WorkflowJson.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false }, found) is not JsonObject root)
        {
            if (found.Count == 0)
            {
                found.Add(new WorkflowProblem("file", "a Nodeworks file is a JSON object keyed by unique names"));
            }

            return null;
        }

        var edges = new List<WorkflowEdge>();
        foreach (var (key, entry) in root)
        {
            if (entry is JsonObject e && Text(e["type"]) == "Connection")
            {
                if (End(e["input"]) is { } from && End(e["output"]) is { } to)
                {
                    edges.Add(new WorkflowEdge(from.Node, to.Node, Dependencies.DependencyKind.AfterOk, from.Terminal, to.Terminal) { Where = key });
                }
                else
                {
                    found.Add(new WorkflowProblem(key, "a Connection needs input and output as [node, terminal]"));
                }
            }
        }

        var fed = edges.Select(e => (e.To, e.ToInput!)).ToHashSet();
        var nodes = new List<WorkflowNode>();
        foreach (var (key, entry) in root)
        {
            if (entry is not JsonObject e)
            {
                found.Add(new WorkflowProblem(key, "each entry must be a JSON object"));
                continue;
            }

            if (Text(e["type"]) != "Node")
            {
                continue;
            }

            if (e["path"] is not JsonArray path || path.Count == 0 || path.Any(p => p is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                found.Add(new WorkflowProblem(key, "a Node needs a path: a non-empty list of names such as [\"math\", \"Power\"]"));
                continue;
            }

            if (e["terminals"] is not JsonObject terminals)
            {
                found.Add(new WorkflowProblem(key, "a Node needs a terminals object"));
                continue;
            }

            nodes.Add(ReadNode(key, string.Join('.', path.Select(p => (string)p!)), terminals, fed));
        }

        return new WorkflowDefinition { Name = workflowName, Format = "nodeworks", Nodes = nodes, Edges = edges };
    }

    private static WorkflowNode ReadNode(string key, string kind, JsonObject terminals, HashSet<(string, string)> fed)
    {
        var inputs = new List<WorkflowPort>();
        var outputs = new List<WorkflowPort>();
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var stored = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, t) in terminals)
        {
            var opts = (t as JsonObject)?["opts"] as JsonObject;
            var type = TypeOf(Text(opts?["dtype"]));
            var value = (t as JsonObject)?["value"];
            if (opts?["in"] is JsonValue i && i.GetValueKind() == JsonValueKind.True)
            {
                inputs.Add(new WorkflowPort(name, type, opts["multiinput"] is JsonValue m && m.GetValueKind() == JsonValueKind.True));
                if (!fed.Contains((key, name)) && value is not null)
                {
                    parameters[name] = value.DeepClone();
                }
            }

            if (opts?["out"] is JsonValue o && o.GetValueKind() == JsonValueKind.True)
            {
                outputs.Add(new WorkflowPort(name, type));
                if (value is not null)
                {
                    stored[name] = value.DeepClone();
                }
            }
        }

        return new WorkflowNode
        {
            Name = key,
            Kind = kind,
            Where = key,
            Inputs = inputs,
            Outputs = outputs,
            Parameters = inputs.Count == 0 ? stored : parameters,
        };
    }

    private static (string Node, string Terminal)? End(JsonNode? end) =>
        end is JsonArray { Count: 2 } a && a[0] is JsonValue n && n.GetValueKind() == JsonValueKind.String
            && a[1] is JsonValue t && t.GetValueKind() == JsonValueKind.String
            ? ((string)n!, (string)t!)
            : null;

    /// <summary>The string a node holds; null when it holds anything else.</summary>
    internal static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The value type of a Python dtype such as <c>&lt;class 'float'&gt;</c>; null when unknown.</summary>
    public static string? TypeOf(string? dtype) => dtype switch
    {
        "<class 'float'>" => ValueTypes.Number,
        "<class 'int'>" => ValueTypes.Integer,
        "<class 'str'>" => ValueTypes.String,
        "<class 'bool'>" => ValueTypes.Boolean,
        "<class 'list'>" => ValueTypes.Array,
        "<class 'dict'>" => ValueTypes.Object,
        _ => null,
    };
}
