using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Sinks;

namespace Cyclone.Hub.Tests.Sinks;

public sealed class ResultSplitterTests
{
    private static TaskTransition Completed(string outputs) =>
        new(7, 1, TaskState.Completed, 2, 0, DateTimeOffset.UnixEpoch, ExitCode: 0, Outputs: outputs);

    [Fact]
    public void Results_are_taken_out_of_the_outputs_into_one_set_per_sink()
    {
        var split = ResultSplitter.Split(Completed("""{"n": 3, "$results": {"db": [{"a": 1}, {"a": 2}], "push": [{"name": "x", "value": 1}]}}"""), out var dropped);

        Assert.Null(dropped);
        Assert.Equal("""{"n":3}""", split.Outputs);
        Assert.Equal(["db", "push"], split.Results!.Select(r => r.Sink));
        Assert.Equal("""[{"a":1},{"a":2}]""", split.Results![0].Items);
        Assert.Equal(2, split.Results![0].Count);
    }

    [Fact]
    public void Outputs_without_results_are_left_as_they_are()
    {
        var transition = Completed("""{"n": 3, "text": "$results"}""");

        Assert.Same(transition, ResultSplitter.Split(transition, out var dropped));
        Assert.Null(dropped);
    }

    [Fact]
    public void Sets_that_are_not_arrays_of_objects_or_under_a_bad_name_are_dropped_and_named()
    {
        var split = ResultSplitter.Split(Completed("""{"$results": {"db": [1, 2], "bad name": [{}], "ok": [{"a": 1}]}}"""), out var dropped);

        Assert.Equal("{}", split.Outputs);
        Assert.Equal(["ok"], split.Results!.Select(r => r.Sink));
        Assert.Contains("the results for sink 'db' are not an array of JSON objects", dropped, StringComparison.Ordinal);
        Assert.Contains("'bad name' is not a sink name", dropped, StringComparison.Ordinal);
    }
}
