using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Core.Workflows.Native;

/// <summary>Reads one node of the native format, reporting each field that is wrong.</summary>
internal static class NativeNodeReader
{
    public static WorkflowNode? Read(JsonNode? node, string where, List<WorkflowProblem> p)
    {
        if (node is not JsonObject n)
        {
            p.Add(new WorkflowProblem(where, "a node must be an object"));
            return null;
        }

        NativeWorkflowReader.Unknown(n, NativeWorkflowReader.NodeFields, where + ".", p);
        var name = Text(n["name"], where + ".name", p, required: true);
        var label = name is null ? where : $"{where} ({name})";
        var command = Strings(n["command"], label + ".command", p);
        var task = Text(n["task"], label + ".task", p);
        var ev = Text(n["event"], label + ".event", p);
        var kinds = (command is null ? 0 : 1) + (task is null ? 0 : 1) + (ev is null ? 0 : 1);
        if (kinds != 1)
        {
            p.Add(new WorkflowProblem(label, "a node has exactly one of command, task or event"));
        }

        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (n["inputs"] is JsonObject inputs)
        {
            foreach (var (key, value) in inputs)
            {
                parameters[key] = value?.DeepClone();
            }
        }
        else if (n["inputs"] is not null)
        {
            p.Add(new WorkflowProblem(label + ".inputs", "inputs must be an object of fixed values"));
        }

        var resources = new WorkflowNodeResources
        {
            Nodes = Int(n["nodes"], label + ".nodes", p, 1),
            ProcsPerNode = Int(n["procs"], label + ".procs", p, 1),
            CpusPerProc = Int(n["cpus"], label + ".cpus", p, 1),
            Gpus = Int(n["gpus"], label + ".gpus", p, 0),
            Retries = Int(n["retries"], label + ".retries", p, 0),
            Priority = Int(n["priority"], label + ".priority", p, 0),
            Memory = Text(n["memory"], label + ".memory", p),
            TimeLimit = Text(n["timeLimit"], label + ".timeLimit", p),
            Labels = Strings(n["labels"], label + ".labels", p) ?? [],
            WorkingDirectory = Text(n["workdir"], label + ".workdir", p),
            Environment = Env(n["env"], label + ".env", p),
        };
        return name is null ? null : new WorkflowNode
        {
            Name = name,
            Kind = command is not null ? WorkflowNode.CommandKind : ev is not null ? WorkflowNode.EventKind : task ?? "",
            Where = label,
            Command = command,
            Event = ev,
            Parameters = parameters,
            Inputs = Ports(n["inputPorts"], label + ".inputPorts", p),
            Outputs = ev is not null ? [new WorkflowPort("data", ValueTypes.Any)] : Ports(n["outputs"], label + ".outputs", p),
            Resources = resources,
        };
    }

    public static string? Text(JsonNode? node, string where, List<WorkflowProblem> p, bool required = false)
    {
        if (node is null)
        {
            if (required)
            {
                p.Add(new WorkflowProblem(where, "is required"));
            }

            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        p.Add(new WorkflowProblem(where, $"must be a string, not {node.ToJsonString()}"));
        return null;
    }

    public static IReadOnlyList<string>? Strings(JsonNode? node, string where, List<WorkflowProblem> p)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonArray a && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            return a.Select(x => x!.GetValue<string>()).ToList();
        }

        p.Add(new WorkflowProblem(where, "must be a list of strings"));
        return null;
    }

    private static int Int(JsonNode? node, string where, List<WorkflowProblem> p, int fallback)
    {
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue v && v.TryGetValue<int>(out var i))
        {
            return i;
        }

        p.Add(new WorkflowProblem(where, $"must be a whole number, not {node.ToJsonString()}"));
        return fallback;
    }

    private static Dictionary<string, string>? Env(JsonNode? node, string where, List<WorkflowProblem> p)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonObject o && o.All(x => x.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            return o.ToDictionary(x => x.Key, x => x.Value!.GetValue<string>(), StringComparer.Ordinal);
        }

        p.Add(new WorkflowProblem(where, "must be an object of string values"));
        return null;
    }

    /// <summary>Ports as <c>{"name": "type"}</c> or <c>{"name": {"type": "number", "multi": true}}</c>.</summary>
    private static List<WorkflowPort> Ports(JsonNode? node, string where, List<WorkflowProblem> p)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonObject o)
        {
            p.Add(new WorkflowProblem(where, "must be an object of port name to type"));
            return [];
        }

        var ports = new List<WorkflowPort>();
        foreach (var (name, spec) in o)
        {
            string? type = null;
            var multi = false;
            if (spec is JsonObject s)
            {
                type = Text(s["type"], $"{where}.{name}.type", p);
                multi = s["multi"] is JsonValue m && m.GetValueKind() == JsonValueKind.True;
            }
            else if (spec is not null)
            {
                type = Text(spec, $"{where}.{name}", p);
            }

            if (!ValueTypes.IsKnown(type))
            {
                p.Add(new WorkflowProblem($"{where}.{name}", $"'{type}' is not a type; use one of {string.Join(", ", ValueTypes.All)}"));
            }

            ports.Add(new WorkflowPort(name, type, multi));
        }

        return ports;
    }
}
