using System.Text.Json.Nodes;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests;

public sealed class TaskContextTests
{
    private sealed record Point(int X, int Y);

    private static TaskContext Parsed(string inputsJson) => Context(JsonNode.Parse(inputsJson)!.AsObject());

    [Fact]
    public void A_context_carries_who_the_task_is_and_where_its_output_goes()
    {
        using var output = new StringWriter();
        var context = new TaskContext([], jobId: 3, taskId: 4, attempt: 2, "math.Add", output);
        context.Output.Write("hello");
        Assert.Equal((3L, 4L, 2, "math.Add", "hello"), (context.JobId, context.TaskId, context.Attempt, context.TaskName, output.ToString()));
        Assert.Empty(context.Inputs);
    }

    [Fact]
    public void Numbers_come_from_a_single_number_or_a_list()
    {
        var context = Parsed("""{"one": 5, "many": [1, 2.5], "none": []}""");
        Assert.Equal([5.0], context.GetNumbers("one"));
        Assert.Equal([1.0, 2.5], context.GetNumbers("many"));
        Assert.Empty(context.GetNumbers("none"));
        Assert.Equal([1.0, 2.0], Context(new JsonObject { ["built"] = new JsonArray(1, 2L) }).GetNumbers("built"));
    }

    [Fact]
    public void A_single_value_may_come_as_a_one_element_list()
    {
        var context = Parsed("""{"n": [2.5], "i": [7], "s": ["x"]}""");
        Assert.Equal(2.5, context.GetNumber("n"));
        Assert.Equal(7L, context.GetInteger("i"));
        Assert.Equal("x", context.GetString("s"));
    }

    [Fact]
    public void Integers_are_whole_numbers_that_fit_a_long()
    {
        var context = Parsed("""{"a": 87, "b": 87.0, "c": 9007199254740993, "d": 1.5, "e": 1e30}""");
        Assert.Equal(87L, context.GetInteger("a"));
        Assert.Equal(87L, context.GetInteger("b"));
        Assert.Equal(9007199254740993L, context.GetInteger("c"));
        Assert.Equal("input 'd' must be an integer, not 1.5", Assert.Throws<TaskInputException>(() => context.GetInteger("d")).Message);
        Assert.Throws<TaskInputException>(() => context.GetInteger("e"));
        Assert.Equal(12L, Context(new JsonObject { ["n"] = 12.0 }).GetInteger("n"));
    }

    [Fact]
    public void Values_of_another_kind_are_errors_that_name_the_input()
    {
        var context = Parsed("""{"text": "x", "number": 3, "pair": [1, 2], "nothing": null, "mixed": [1, "a"]}""");
        Assert.Equal("input 'text' must be a number, not \"x\"", Assert.Throws<TaskInputException>(() => context.GetNumber("text")).Message);
        Assert.Equal("input 'number' must be a string, not 3", Assert.Throws<TaskInputException>(() => context.GetString("number")).Message);
        Assert.Equal("input 'pair' must be one value, not a list of 2", Assert.Throws<TaskInputException>(() => context.GetNumber("pair")).Message);
        Assert.Equal("input 'nothing' is null", Assert.Throws<TaskInputException>(() => context.GetNumbers("nothing")).Message);
        Assert.Equal("input 'mixed' must be a list of numbers; item 1 is \"a\"", Assert.Throws<TaskInputException>(() => context.GetNumbers("mixed")).Message);
        var huge = Parsed("""{"n": 1e400}""");
        Assert.Equal("input 'n' is out of the range of a double: 1e400", Assert.Throws<TaskInputException>(() => huge.GetNumber("n")).Message);
        Assert.Throws<TaskInputException>(() => huge.GetInteger("n"));
    }

    [Fact]
    public void A_missing_input_is_an_error_that_names_it()
    {
        var context = Parsed("{}");
        foreach (var read in new Action[] { () => context.GetNumbers("base"), () => context.GetNumber("base"), () => context.GetInteger("base"), () => context.GetString("base") })
        {
            Assert.Equal("input 'base' is missing", Assert.Throws<TaskInputException>(read).Message);
        }
    }

    [Fact]
    public void Get_deserializes_an_input_and_gives_default_when_it_is_absent()
    {
        var context = Parsed("""{"point": {"X": 1, "Y": 2}, "list": [1, 2, 3], "none": null, "text": "x"}""");
        Assert.Equal(new Point(1, 2), context.Get<Point>("point"));
        Assert.Equal([1, 2, 3], context.Get<int[]>("list")!);
        Assert.Null(context.Get<Point>("none"));
        Assert.Null(context.Get<Point>("missing"));
        Assert.Equal(0, context.Get<int>("missing"));
        var error = Assert.Throws<TaskInputException>(() => context.Get<int[]>("text"));
        Assert.StartsWith("input 'text' cannot be read as Int32[]", error.Message, StringComparison.Ordinal);
    }
}
