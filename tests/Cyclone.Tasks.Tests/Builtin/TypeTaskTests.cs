using System.Text.Json.Nodes;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin;

public sealed class TypeTaskTests
{
    [Fact]
    public async Task An_integer_node_outputs_its_value_as_a_long_under_its_terminal_name()
    {
        var outputs = await RunAsync("types.Integer", new JsonObject { ["int"] = 87 });
        Assert.Equal("int", Assert.Single(outputs).Key);
        Assert.Equal(87L, outputs["int"]!.GetValue<long>());
        Assert.Equal("""{"int":87}""", outputs.ToJsonString());
    }

    [Theory]
    [InlineData("""{"int": 87}""", """{"int":87}""")]
    [InlineData("""{"int": 87.0}""", """{"int":87}""")]
    [InlineData("""{"int": "-12"}""", """{"int":-12}""")]
    [InlineData("""{"count": 9007199254740993}""", """{"count":9007199254740993}""")]
    public async Task An_integer_node_reads_whole_numbers_of_any_form(string inputs, string expected) =>
        Assert.Equal(expected, (await RunAsync("types.Integer", inputs)).ToJsonString());

    [Theory]
    [InlineData("types.Float", """{"float": 2}""", """{"float":2}""")]
    [InlineData("types.Float", """{"float": 2.5}""", """{"float":2.5}""")]
    [InlineData("types.Float", """{"x": "1e3"}""", """{"x":1000}""")]
    [InlineData("types.String", """{"str": "hello"}""", """{"str":"hello"}""")]
    [InlineData("types.String", """{"str": 5}""", """{"str":"5"}""")]
    [InlineData("types.String", """{"str": true}""", """{"str":"true"}""")]
    [InlineData("types.Boolean", """{"bool": true}""", """{"bool":true}""")]
    [InlineData("types.Boolean", """{"bool": false}""", """{"bool":false}""")]
    [InlineData("types.Boolean", """{"flag": "False"}""", """{"flag":false}""")]
    public async Task Value_nodes_output_their_value_converted_to_their_type(string kind, string inputs, string expected) =>
        Assert.Equal(expected, (await RunAsync(kind, inputs)).ToJsonString());

    [Fact]
    public async Task A_float_node_outputs_a_double()
    {
        var outputs = await RunAsync("types.Float", new JsonObject { ["float"] = 3 });
        Assert.Equal(3.0, outputs["float"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("types.Integer", """{"int": 1.5}""", "types.Integer: value 'int' is not an integer: 1.5")]
    [InlineData("types.Integer", """{"int": 1e30}""", "is not an integer")]
    [InlineData("types.Integer", """{"int": 1e400}""", "is not an integer")]
    [InlineData("types.Float", """{"float": 1e400}""", "is not a finite number")]
    [InlineData("types.Integer", """{"int": "eight"}""", "is not an integer")]
    [InlineData("types.Integer", """{"int": null}""", "value 'int' must be a single value, not null")]
    [InlineData("types.Float", """{"float": "abc"}""", "types.Float: value 'float' is not a finite number")]
    [InlineData("types.Float", """{"float": "NaN"}""", "is not a finite number")]
    [InlineData("types.String", """{"str": [1, 2]}""", "value 'str' must be a single value")]
    [InlineData("types.Boolean", """{"bool": 1}""", "types.Boolean: value 'bool' is not true or false: 1")]
    [InlineData("types.Boolean", """{}""", "types.Boolean takes exactly one stored value")]
    [InlineData("types.Integer", """{"int": 1, "other": 2}""", "types.Integer takes exactly one stored value")]
    public async Task Value_nodes_reject_values_of_another_type_or_count(string kind, string inputs, string message)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(kind, inputs));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
