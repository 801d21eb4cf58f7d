using System.Text.Json.Nodes;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Tasks.Tests;

public sealed class BuiltinTaskTests
{
    private static async Task<JsonObject> RunAsync(string kind, JsonObject inputs)
    {
        var task = TaskCatalog.Builtin.Create(kind) ?? throw new InvalidOperationException($"{kind} is not built in");
        return await task.RunAsync(new TaskContext(inputs, 1, 1, 1, kind, TextWriter.Null), CancellationToken.None);
    }

    [Fact]
    public async Task The_nodeworks_example_computes_its_recorded_values()
    {
        Assert.Equal(3125.0, (double)(await RunAsync("math.Power", new() { ["base"] = 5.0, ["exponent"] = 5.0 }))["result"]!);
        Assert.Equal(271875.0, (double)(await RunAsync("math.Multiply", new() { ["input"] = new JsonArray(3125.0, 87) }))["result"]!);
        Assert.Equal(271860.0, (double)(await RunAsync("math.Subtract", new() { ["minuend"] = new JsonArray(271875.0), ["subtrahend"] = new JsonArray(15.0) }))["result"]!);
        Assert.Equal(15.0, (double)(await RunAsync("math.Root", new() { ["radicand"] = 225.0, ["degree"] = 2.0 }))["result"]!);
        Assert.Equal(87L, (long)(await RunAsync("types.Integer", new() { ["int"] = 87 }))["int"]!);
    }

    [Theory]
    [InlineData("math.Add", 6.0)]
    [InlineData("math.Multiply", 6.0)]
    public async Task Multi_inputs_take_lists(string kind, double expected) =>
        Assert.Equal(expected, (double)(await RunAsync(kind, new() { ["input"] = new JsonArray(1, 2, 3) }))["result"]!);

    [Fact]
    public async Task Modulo_takes_the_sign_of_the_divisor_and_odd_roots_of_negatives_are_real()
    {
        Assert.Equal(1.0, (double)(await RunAsync("math.Modulo", new() { ["dividend"] = -5, ["divisor"] = 3 }))["result"]!);
        Assert.Equal(-3.0, (double)(await RunAsync("math.Root", new() { ["radicand"] = -27, ["degree"] = 3 }))["result"]!, 9);
    }

    [Fact]
    public async Task Bad_inputs_say_which_input_is_wrong()
    {
        var missing = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("math.Power", new() { ["base"] = 2 }));
        Assert.Contains("'exponent'", missing.Message, StringComparison.Ordinal);
        var text = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("math.Add", new() { ["input"] = "x" }));
        Assert.Contains("must be a number", text.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("math.Divide", new() { ["dividend"] = 1, ["divisor"] = 0 }));
        await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("types.Integer", new() { ["int"] = 1.5 }));
    }

    [Fact]
    public void The_catalog_knows_every_builtin_with_its_ports_and_nothing_else()
    {
        var power = TaskCatalog.Builtin.Find("math.Power")!;
        Assert.Equal(["base", "exponent"], power.Inputs.Select(p => p.Name));
        Assert.Equal("result", power.Outputs.Single().Name);
        Assert.StartsWith("Cyclone.Tasks.Builtin.PowerTask, Cyclone.Tasks", power.TaskClass, StringComparison.Ordinal);
        Assert.Null(TaskCatalog.Builtin.Find("math.Frobnicate"));
        Assert.Equal(13, TaskCatalog.Builtin.Kinds.Count);
    }

    [Fact]
    public void A_plugin_directory_with_a_file_that_is_not_an_assembly_keeps_the_builtins_and_warns()
    {
        var dir = Directory.CreateTempSubdirectory("cyclone-plugins-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "x.dll"), "not an assembly");
            var (catalog, warnings) = TaskCatalog.LoadDirectory(dir);
            Assert.Contains("x.dll", Assert.Single(warnings), StringComparison.Ordinal);
            Assert.NotNull(catalog.Find("math.Add"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
