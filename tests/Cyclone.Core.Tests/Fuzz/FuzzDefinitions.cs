using System.Text.Json.Nodes;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Workflows;

namespace Cyclone.Core.Tests.Fuzz;

/// <summary>
/// Workflow definitions as any reader might hand them to the validator, drawn from a seeded <see cref="Random"/>: names
/// empty, repeated or a megabyte long, unknown kinds, edges to nowhere and in circles, ports that do not exist, resources
/// out of range, values of the wrong type.
/// </summary>
internal static class FuzzDefinitions
{
    private static readonly string[] Kinds = [WorkflowNode.CommandKind, WorkflowNode.EventKind, "math.Power", "math.Root", "", "no.such.Kind", "x"];
    private static readonly string?[] Texts = [null, "", " ", "4G", "1:00", "banana", "-1", "/abs/path", "relative", "a\0b", "\uD800", "99999999999999999999T"];

    public static WorkflowDefinition Any(int seed, int count)
    {
        var rng = new Random(seed);
        var names = Enumerable.Range(0, count).Select(i => Name(rng, i)).ToList();
        var nodes = names.Select(name => Node(rng, name)).ToList();
        var edges = Enumerable.Range(0, rng.Next(count * 3)).Select(_ => Edge(rng, names)).ToList();
        return new WorkflowDefinition
        {
            Name = "fuzz",
            Format = "native",
            Nodes = nodes,
            Edges = edges,
            TriggerEvents = Enumerable.Range(0, rng.Next(3)).Select(_ => Pick(rng, Texts) ?? "ev").ToList(),
        };
    }

    private static string Name(Random rng, int i) => rng.Next(10) switch
    {
        0 => "",
        1 => " ",
        2 => "dup",
        3 => new string('n', rng.Next(8) > 0 ? 201 : 1 << 20),
        4 => "\0\u202E\uD800",
        _ => $"n{i}",
    };

    private static WorkflowNode Node(Random rng, string name)
    {
        var kind = Kinds[rng.Next(Kinds.Length)];
        var ports = Enumerable.Range(0, rng.Next(3)).Select(i => new WorkflowPort(rng.Next(4) == 0 ? "" : $"p{i}", Pick(rng, [null, "number", "integer", "any", "string", "nonsense"]), rng.Next(2) == 0)).ToList();
        return new WorkflowNode
        {
            Name = name,
            Kind = rng.Next(100) == 0 ? new string('k', 1 << 20) : kind,
            Where = rng.Next(10) == 0 ? "" : $"nodes ({name})",
            Command = Pick<IReadOnlyList<string>?>(rng, [null, [], [""], ["true"], [" ", "x"]]),
            Event = Pick(rng, [null, "", "ok.event", "bad event", new string('e', 201)]),
            Inputs = ports,
            Outputs = rng.Next(2) == 0 ? ports : [],
            Parameters = new Dictionary<string, JsonNode?>
            {
                [rng.Next(2) == 0 ? "p0" : "base"] = FuzzJson.Other(rng),
                ["exponent"] = JsonValue.Create("two"),
            },
            Resources = new WorkflowNodeResources
            {
                Nodes = Int(rng),
                ProcsPerNode = Int(rng),
                CpusPerProc = Int(rng),
                Gpus = Int(rng),
                Retries = Int(rng),
                Priority = Int(rng),
                Memory = Pick(rng, Texts),
                TimeLimit = Pick(rng, Texts),
                WorkingDirectory = Pick(rng, Texts),
            },
        };
    }

    private static WorkflowEdge Edge(Random rng, List<string> names)
    {
        string End() => rng.Next(8) == 0 ? "missing" : names.Count == 0 ? "none" : names[rng.Next(names.Count)];
        var data = rng.Next(2) == 0;
        return new WorkflowEdge(End(), End(), (DependencyKind)rng.Next(-1, 4), data ? Pick(rng, [null, "p0", "p1", "result", "data"]) : null, data ? Pick(rng, [null, "p0", "p1", "base"]) : null)
        {
            Where = rng.Next(3) == 0 ? "" : "edges[?]",
        };
    }

    private static int Int(Random rng) => rng.Next(6) switch
    {
        0 => int.MinValue,
        1 => int.MaxValue,
        2 => -1,
        3 => 0,
        _ => rng.Next(1, 5),
    };

    private static T Pick<T>(Random rng, T[] choices) => choices[rng.Next(choices.Length)];
}
