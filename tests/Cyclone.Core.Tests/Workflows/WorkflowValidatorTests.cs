using System.Text;
using Cyclone.Core.Workflows;
using Cyclone.Core.Workflows.Native;
using Cyclone.Core.Workflows.Validation;

namespace Cyclone.Core.Tests.Workflows;

public sealed class WorkflowValidatorTests
{
    private sealed class Kinds : INodeKindCatalog
    {
        public NodeKindInfo? Find(string kind) => kind == "math.Power"
            ? new NodeKindInfo(kind, [new WorkflowPort("base", ValueTypes.Number), new WorkflowPort("exponent", ValueTypes.Number)], [new WorkflowPort("result", ValueTypes.Number)], "Power")
            : null;
    }

    private static IReadOnlyList<WorkflowProblem> Problems(string json)
    {
        var wf = NativeWorkflowReader.Read(Encoding.UTF8.GetBytes(json), "wf", out var read);
        Assert.NotNull(wf);
        return [.. read, .. WorkflowValidator.Validate(wf, new Kinds(), WorkflowLimits.Default)];
    }

    [Fact]
    public void A_valid_diamond_has_no_problems() => Assert.Empty(Problems("""
        { "nodes": [ {"name":"a","command":["true"]}, {"name":"b","task":"math.Power","inputs":{"exponent":2}}, {"name":"c","command":["true"]}, {"name":"d","command":["true"]} ],
          "edges": [ {"from":"a","to":"b"}, {"from":"a","to":"c"}, {"from":"b","to":"d"}, {"from":"c","to":"d","condition":"afterany"} ] }
        """));

    [Fact]
    public void A_cycle_is_named()
    {
        var p = Problems("""{ "nodes": [ {"name":"a","command":["x"]}, {"name":"b","command":["x"]}, {"name":"c","command":["x"]}, {"name":"d","command":["x"]} ], "edges": [ {"from":"d","to":"a"}, {"from":"a","to":"b"}, {"from":"b","to":"c"}, {"from":"c","to":"a"} ] }""");
        var cycle = Assert.Single(p).Message;
        Assert.StartsWith("cycle: ", cycle, StringComparison.Ordinal);
        var ring = cycle["cycle: ".Length..].Split(" → ");
        Assert.Equal(ring[0], ring[^1]);
        Assert.Equal(["a", "b", "c"], ring[..^1].Order(StringComparer.Ordinal));
        Assert.DoesNotContain("d", cycle, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_of_problem_is_listed_at_once()
    {
        var p = Problems("""
            { "nodes": [ {"name":"a","command":["true"]}, {"name":"a","command":["true"]}, {"name":"b","task":"no.Such"}, {"name":"c","task":"other.Thing"},
                         {"name":"p","task":"math.Power","inputs":{"base":"five"}}, {"name":"q","task":"math.Power"}, {"name":"e","event":"go"},
                         {"name":"bad","command":["true"],"memory":"lots","nodes":0,"colour":"red"} ],
              "edges": [ {"from":"a","to":"ghost"}, {"from":"p","output":"nope","to":"q","input":"base"}, {"from":"a","to":"e"},
                         {"from":"q","to":"p"}, {"from":"p","to":"q"} ] }
            """);
        string[] expected = ["duplicate node name 'a'", "no.Such (b)", "other.Thing (c)", "takes a number", "no node 'ghost'", "no output 'nope'",
            "cannot have incoming edges", "memory", "nodes is 0", "unknown field 'colour'", "cycle: "];
        foreach (var e in expected)
        {
            Assert.Contains(p, x => x.Message.Contains(e, StringComparison.Ordinal));
        }

        Assert.Single(p, x => x.Message.StartsWith("unknown node kinds", StringComparison.Ordinal));
    }

    [Fact]
    public void Type_mismatches_between_ports_are_reported()
    {
        var p = Problems("""
            { "nodes": [ {"name":"s","command":["x"],"outputs":{"t":"string"}}, {"name":"p","task":"math.Power","inputs":{"exponent":2}},
                         {"name":"i","command":["x"],"outputs":{"n":"integer"}}, {"name":"q","task":"math.Power","inputs":{"exponent":2}} ],
              "edges": [ {"from":"s","output":"t","to":"p","input":"base"}, {"from":"i","output":"n","to":"q","input":"base"} ] }
            """);
        Assert.Contains("type mismatch", Assert.Single(p).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversize_graphs_are_refused_before_anything_else()
    {
        var nodes = Enumerable.Range(0, 11).Select(i => new WorkflowNode { Name = $"n{i}", Kind = WorkflowNode.CommandKind, Command = ["x"] }).ToList();
        var p = WorkflowValidator.Validate(new WorkflowDefinition { Name = "big", Format = "native", Nodes = nodes }, new Kinds(), new WorkflowLimits { MaxNodes = 10 });
        Assert.Contains("at most 10 nodes", Assert.Single(p).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_200000_node_chain_with_fan_out_validates_without_recursion()
    {
        const int n = 200_000;
        var nodes = Enumerable.Range(0, n).Select(i => new WorkflowNode { Name = $"n{i}", Kind = WorkflowNode.CommandKind, Command = ["x"] }).ToList();
        var edges = Enumerable.Range(1, n - 1).Select(i => new WorkflowEdge($"n{i - 1}", $"n{i}"))
            .Concat(Enumerable.Range(2, n - 2).Select(i => new WorkflowEdge($"n{(i - 2) / 3}", $"n{i}"))).ToList();
        var wf = new WorkflowDefinition { Name = "big", Format = "native", Nodes = nodes, Edges = edges };
        Assert.Empty(WorkflowValidator.Validate(wf, new Kinds(), WorkflowLimits.Default));
        var cyclic = new WorkflowDefinition { Name = "big", Format = "native", Nodes = nodes, Edges = [.. edges, new WorkflowEdge($"n{n - 1}", "n0")] };
        Assert.Contains("cycle: ", Assert.Single(WorkflowValidator.Validate(cyclic, new Kinds(), WorkflowLimits.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_names_every_node_field_the_reader_accepts()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(NativeWorkflowSchema.Json);
        var properties = schema.RootElement.GetProperty("$defs").GetProperty("node").GetProperty("properties");
        Assert.Equal(NativeWorkflowReader.NodeFields.Order(StringComparer.Ordinal), properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Duplicate_keys_invalid_UTF8_and_lone_surrogate_escapes_are_problems_of_the_file()
    {
        // found by fuzzing: duplicate keys threw ArgumentException, the others InvalidOperationException
        byte[][] files =
        [
            """{ "nodes": [ {"name":"a","command":["x"],"outputs":{"out":"integer","out":"integer"}} ] }"""u8.ToArray(),
            [.. "{ \"nodes\": [ {\"name\":\""u8, 0xC3, .. "\",\"command\":[\"x\"]} ] }"u8],
            """{ "nodes": [ {"name":"\uDE00","command":["x"]} ] }"""u8.ToArray(),
            """{ "nodes": [ {"name":"x","command":["x"],"\uDC00":1} ] }"""u8.ToArray(), // found by the REST fuzzer: a bad escape in a key threw
        ];
        foreach (var file in files)
        {
            Assert.Null(NativeWorkflowReader.Read(file, "wf", out var problems));
            Assert.Equal("file", Assert.Single(problems).Where);
        }
    }

    [Fact]
    public void A_long_cycle_huge_names_and_kinds_are_reported_in_short_problems()
    {
        // found by fuzzing: a cycle of 800 nodes, a 100,000-character field name and a megabyte kind made problems as long
        var ring = string.Join(',', Enumerable.Range(0, 800).Select(i => $"{{\"from\":\"r{i}\",\"to\":\"r{(i + 1) % 800}\"}}"));
        var nodes = string.Join(',', Enumerable.Range(0, 800).Select(i => $"{{\"name\":\"r{i}\",\"command\":[\"x\"]}}"));
        var huge = new string('k', 1 << 20);
        var problems = Problems($$"""{ "nodes": [ {{nodes}}, {"name":"odd","task":"{{huge}}","{{huge[..100_000]}}":1} ], "edges": [ {{ring}} ] }""");
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.True(p.Where.Length < 400 && p.Message.Length < 1_100, $"{p.Where.Length} + {p.Message.Length} characters"));
        Assert.Contains(problems, p => p.Message.StartsWith("cycle: r", StringComparison.Ordinal));
    }
}
