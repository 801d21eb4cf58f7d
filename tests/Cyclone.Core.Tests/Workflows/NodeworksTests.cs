using System.Text;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;
using Cyclone.Core.Workflows.Nodeworks;

namespace Cyclone.Core.Tests.Workflows;

public sealed class NodeworksTests
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "node_ex.nc"));

    private static WorkflowDefinition Read(byte[] bytes, out IReadOnlyList<WorkflowProblem> problems) =>
        NodeworksReader.Read(bytes, "ex", out problems)!;

    [Fact]
    public void The_example_reads_into_five_nodes_and_four_data_edges_from_upstream_to_downstream()
    {
        var wf = Read(Fixture, out var problems);
        Assert.Empty(problems);
        Assert.Equal(["power", "multiply", "integer", "subtract", "root"], wf.Nodes.Select(n => n.Name));
        Assert.Equal(["math.Power", "math.Multiply", "types.Integer", "math.Subtract", "math.Root"], wf.Nodes.Select(n => n.Kind));
        Assert.Contains(wf.Edges, e => (e.From, e.FromOutput, e.To, e.ToInput) == ("power", "result", "multiply", "input"));
        Assert.Contains(wf.Edges, e => (e.From, e.FromOutput, e.To, e.ToInput) == ("root", "result", "subtract", "subtrahend"));
        Assert.Equal(4, wf.Edges.Count);
    }

    [Fact]
    public void Unconnected_inputs_keep_their_values_and_value_nodes_carry_their_output_value()
    {
        var wf = Read(Fixture, out _);
        var power = wf.Nodes[0];
        Assert.Equal(5.0, (double)power.Parameters["base"]!);
        Assert.Equal(5.0, (double)power.Parameters["exponent"]!);
        Assert.Empty(wf.Nodes[1].Parameters);
        Assert.True(wf.Nodes[1].Inputs.Single().Multi);
        Assert.Equal(87, (int)wf.Nodes[2].Parameters["int"]!);
        Assert.Equal(ValueTypes.Integer, wf.Nodes[2].Outputs.Single().Type);
        Assert.False(wf.Nodes[3].Parameters.ContainsKey("minuend"));
    }

    [Fact]
    public void Structural_problems_name_their_entry()
    {
        var text = """{ "a": { "type": "Node", "terminals": {} }, "c": { "type": "Connection", "input": ["a"] }, "x": 3 }""";
        Read(Encoding.UTF8.GetBytes(text), out var problems);
        Assert.Contains(problems, p => p.Where == "a" && p.Message.Contains("path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Where == "c");
        Assert.Contains(problems, p => p.Where == "x");
        NodeworksReader.Read("{ nope"u8, "ex", out var bad);
        Assert.Equal("file", Assert.Single(bad).Where);
    }

    [Fact]
    public void Filling_in_the_recorded_values_gives_back_the_identical_bytes()
    {
        var recorded = NodeworksOutputWriter.RecordedOutputs(Fixture);
        Assert.Equal(5, recorded.Count);
        Assert.Equal(Fixture, NodeworksOutputWriter.FillOutputs(Fixture, recorded));
    }

    [Fact]
    public void Filling_in_new_values_changes_only_those_value_tokens()
    {
        var values = new Dictionary<(string, string), JsonNode?> { [("power", "result")] = 8.0, [("integer", "int")] = 88 };
        var filled = Encoding.UTF8.GetString(NodeworksOutputWriter.FillOutputs(Fixture, values));
        var original = Encoding.UTF8.GetString(Fixture);
        Assert.Equal(original.Replace("\"value\": 3125.0,", "\"value\": 8.0,", StringComparison.Ordinal).Replace("\"value\": 87,", "\"value\": 88,", StringComparison.Ordinal), filled);
    }

    [Theory]
    [InlineData(3125.0, "<class 'float'>", "3125.0")]
    [InlineData(0.5, "<class 'float'>", "0.5")]
    [InlineData(87.0, "<class 'int'>", "87")]
    [InlineData(-2.0, "<class 'float'>", "-2.0")]
    public void Numbers_are_written_as_python_writes_them(double value, string dtype, string expected) =>
        Assert.Equal(expected, NodeworksOutputWriter.Format(value, dtype));

    [Fact]
    public void Entries_and_terminals_of_unexpected_types_are_skipped_not_thrown_on()
    {
        // reduced from fuzzing finds: casts of a number to string and indexing a terminal that is no object threw InvalidOperationException
        var file = """
            { "odd": { "type": 5 },
              "n": { "type": "Node", "path": ["math", "Power"],
                     "terminals": { "base": 5, "exponent": { "opts": [1] }, "result": { "value": 1, "opts": { "out": true, "dtype": 7 } } } } }
            """u8.ToArray();
        var wf = Read(file, out var problems);
        Assert.Empty(problems);
        Assert.Null(wf.Nodes.Single().Outputs.Single().Type); // a dtype that is no string names no type
        Assert.Equal(file, NodeworksOutputWriter.FillOutputs(file, NodeworksOutputWriter.RecordedOutputs(file)));
    }

    [Fact]
    public void Duplicate_keys_invalid_UTF8_and_lone_surrogate_escapes_are_problems_of_the_file()
    {
        // found by fuzzing: duplicate keys threw ArgumentException, the others InvalidOperationException
        byte[][] files = ["{\"a\": {\"type\": \"x\"}, \"a\": {}}"u8.ToArray(), [.. "{\"a\": {\"type\": \""u8, 0xFF, .. "\"}}"u8], "{\"a\": {\"type\": \"\\uDE00\"}}"u8.ToArray(), "{\"\\uD800\": {}}"u8.ToArray()];
        foreach (var file in files)
        {
            Assert.Null(NodeworksReader.Read(file, "ex", out var problems));
            Assert.Equal("file", Assert.Single(problems).Where);
        }
    }

    [Fact]
    public void An_output_terminal_without_a_value_is_not_recorded_so_filling_outputs_leaves_it_alone()
    {
        // found by fuzzing: the run's file could not be written (ArgumentException) when an output terminal had no value
        var file = """{ "n": { "type": "Node", "path": ["types", "Integer"], "terminals": { "int": { "opts": { "out": true } } } } }"""u8.ToArray();
        Assert.Empty(Read(file, out var problems).Nodes.Single().Parameters);
        Assert.Empty(problems);
        Assert.Empty(NodeworksOutputWriter.RecordedOutputs(file));
        Assert.Equal(file, NodeworksOutputWriter.FillOutputs(file, NodeworksOutputWriter.RecordedOutputs(file)));
    }

    [Fact]
    public void Outputs_are_filled_in_a_file_nested_as_deep_as_the_reader_accepts()
    {
        // found by fuzzing: the writer read with a depth limit of 64, the reader accepts 256
        var text = Encoding.UTF8.GetString(Fixture);
        var power = text.IndexOf("\"power\": {", StringComparison.Ordinal) + "\"power\": {".Length;
        var deep = text.Insert(power, $"\"deep\": {new string('[', 100)}{new string(']', 100)},");
        var file = Encoding.UTF8.GetBytes(deep);
        Read(file, out var problems);
        Assert.Empty(problems);
        Assert.Equal(5, NodeworksOutputWriter.RecordedOutputs(file).Count);
    }
}
