using System.Text.Json.Nodes;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin;

public sealed class MathTaskTests
{
    [Fact]
    public async Task The_nodeworks_example_computes_the_values_its_file_recorded()
    {
        var power = await ResultAsync("math.Power", new JsonObject { ["base"] = 5.0, ["exponent"] = 5.0 });
        Assert.Equal(3125.0, power);
        var integer = (await RunAsync("types.Integer", new JsonObject { ["int"] = 87 }))["int"]!.GetValue<long>();
        Assert.Equal(87L, integer);
        var product = await ResultAsync("math.Multiply", new JsonObject { ["input"] = new JsonArray(power, integer) });
        Assert.Equal(271875.0, product);
        var root = await ResultAsync("math.Root", new JsonObject { ["radicand"] = 225.0, ["degree"] = 2.0 });
        Assert.Equal(15.0, root);
        Assert.Equal(271860.0, await ResultAsync("math.Subtract", new JsonObject { ["minuend"] = new JsonArray(product), ["subtrahend"] = new JsonArray(root) }));
    }

    [Theory]
    [InlineData("math.Add", """{"input": 4}""", 4.0)]
    [InlineData("math.Add", """{"input": [1, 2, 3.5]}""", 6.5)]
    [InlineData("math.Add", """{"input": []}""", 0.0)]
    [InlineData("math.Multiply", """{"input": 4}""", 4.0)]
    [InlineData("math.Multiply", """{"input": [3125.0, 87]}""", 271875.0)]
    [InlineData("math.Multiply", """{"input": []}""", 1.0)]
    [InlineData("math.Subtract", """{"minuend": 10, "subtrahend": 4}""", 6.0)]
    [InlineData("math.Subtract", """{"minuend": [271875.0], "subtrahend": [15.0]}""", 271860.0)]
    [InlineData("math.Subtract", """{"minuend": [10, 5], "subtrahend": [1, 2]}""", 12.0)]
    [InlineData("math.Divide", """{"dividend": 7, "divisor": 2}""", 3.5)]
    [InlineData("math.Divide", """{"dividend": [6, 3], "divisor": [1, 2]}""", 3.0)]
    [InlineData("math.Power", """{"base": 5.0, "exponent": 5.0}""", 3125.0)]
    [InlineData("math.Power", """{"base": [1, 1], "exponent": [2, 1]}""", 8.0)]
    [InlineData("math.Power", """{"base": 4, "exponent": -0.5}""", 0.5)]
    [InlineData("math.Root", """{"radicand": 225.0, "degree": 2.0}""", 15.0)]
    [InlineData("math.Root", """{"radicand": [16], "degree": [4]}""", 2.0)]
    [InlineData("math.Root", """{"radicand": -27, "degree": 3}""", -3.0)]
    [InlineData("math.Root", """{"radicand": -32, "degree": 5}""", -2.0)]
    [InlineData("math.Root", """{"radicand": 4, "degree": -2}""", 0.5)]
    [InlineData("math.Modulo", """{"dividend": 7, "divisor": 3}""", 1.0)]
    [InlineData("math.Modulo", """{"dividend": -5, "divisor": 3}""", 1.0)]
    [InlineData("math.Modulo", """{"dividend": 5, "divisor": -3}""", -1.0)]
    [InlineData("math.Modulo", """{"dividend": -5, "divisor": -3}""", -2.0)]
    [InlineData("math.Modulo", """{"dividend": 5.5, "divisor": 2}""", 1.5)]
    [InlineData("math.Modulo", """{"dividend": [4, 3], "divisor": [2, 3]}""", 2.0)]
    [InlineData("math.Negate", """{"input": 2.5}""", -2.5)]
    [InlineData("math.Negate", """{"input": [-4]}""", 4.0)]
    [InlineData("math.Absolute", """{"input": -3}""", 3.0)]
    [InlineData("math.Absolute", """{"input": [3]}""", 3.0)]
    public async Task Each_math_task_computes_its_result_from_numbers_or_lists(string kind, string inputs, double expected) =>
        Assert.Equal(expected, await ResultAsync(kind, inputs), 12);

    [Fact]
    public async Task A_zero_remainder_takes_the_sign_of_the_divisor_as_in_python()
    {
        Assert.True(double.IsNegative(await ResultAsync("math.Modulo", """{"dividend": 6, "divisor": -3}""")));
        Assert.False(double.IsNegative(await ResultAsync("math.Modulo", """{"dividend": -6, "divisor": 3}""")));
    }

    [Fact]
    public async Task The_result_is_written_as_a_json_number()
    {
        var outputs = await RunAsync("math.Divide", """{"dividend": 1, "divisor": 4}""");
        Assert.Equal("""{"result":0.25}""", outputs.ToJsonString());
    }

    [Fact]
    public async Task A_missing_input_is_named()
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("math.Power", """{"base": 2}"""));
        Assert.Equal("input 'exponent' is missing", error.Message);
    }

    [Theory]
    [InlineData("math.Divide", """{"dividend": 1, "divisor": 0}""", "division by zero")]
    [InlineData("math.Divide", """{"dividend": 1, "divisor": [1, -1]}""", "division by zero")]
    [InlineData("math.Modulo", """{"dividend": 1, "divisor": 0}""", "modulo by zero")]
    [InlineData("math.Root", """{"radicand": 8, "degree": 0}""", "degree 0")]
    [InlineData("math.Root", """{"radicand": -4, "degree": 2}""", "no real root")]
    [InlineData("math.Root", """{"radicand": -4, "degree": 2.5}""", "no real root")]
    [InlineData("math.Root", """{"radicand": [8, 1], "degree": 3}""", "input 'radicand' must be one value, not a list of 2")]
    [InlineData("math.Power", """{"base": 10, "exponent": 400}""", "math.Power has no finite result")]
    [InlineData("math.Power", """{"base": 0, "exponent": -1}""", "math.Power has no finite result")]
    [InlineData("math.Add", """{"input": "x"}""", "input 'input' must be a number, not \"x\"")]
    [InlineData("math.Add", """{"input": [1, true]}""", "input 'input' must be a list of numbers; item 1 is true")]
    [InlineData("math.Negate", """{"input": null}""", "input 'input' is null")]
    [InlineData("math.Subtract", """{"minuend": {"a": 1}, "subtrahend": 1}""", "input 'minuend' must be a number")]
    public async Task Bad_inputs_fail_with_a_message_saying_what_is_wrong(string kind, string inputs, string message)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync(kind, inputs));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_task_does_not_run()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var run = RunAsync("math.Add", new JsonObject { ["input"] = 1 }, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(run.IsCanceled);
    }

    [Fact]
    public async Task Errors_are_reported_through_the_returned_task()
    {
        var run = RunAsync("math.Divide", """{"dividend": 1, "divisor": 0}""");
        await Assert.ThrowsAsync<TaskInputException>(() => run);
        Assert.True(run.IsFaulted);
    }
}
