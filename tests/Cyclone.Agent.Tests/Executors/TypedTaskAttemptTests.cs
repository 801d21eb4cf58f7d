using System.Text.Json.Nodes;
using Cyclone.Agent.Executors;
using Cyclone.Agent.Tests.Support;
using Cyclone.Protocol.Agent;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Agent.Tests.Executors;

public sealed class TypedTaskAttemptTests
{
    private static Task<AttemptResult> Run(string kind, JsonObject inputs, CollectingSink sink)
    {
        var lease = new Lease { TaskId = 4242, JobId = 7, Attempt = 1, Kind = kind, InputsJson = inputs.ToJsonString() };
        return new TypedTaskExecutor(TaskCatalog.Builtin, sink, TimeProvider.System).Start(lease).Completion;
    }

    [Fact]
    public async Task A_shell_task_that_succeeds_exits_zero_with_its_outputs_and_its_output_in_the_log()
    {
        var sink = new CollectingSink();
        var result = await Run("shell", new JsonObject { ["command"] = "echo hi" }, sink);
        Assert.Equal((OutcomeKind.Exited, 0), (result.Kind, result.ExitCode));
        Assert.Equal("hi\n", JsonNode.Parse(result.Outputs!)!["stdout"]!.GetValue<string>());
        Assert.Equal("hi\n", sink.Text(0));
    }

    [Fact]
    public async Task A_task_that_fails_reports_the_exit_code_of_its_failure_and_says_why()
    {
        var sink = new CollectingSink();
        var result = await Run("shell", new JsonObject { ["command"] = "echo broken >&2; exit 5" }, sink);
        Assert.Equal((OutcomeKind.Exited, 5), (result.Kind, result.ExitCode));
        Assert.Contains("shell: the command exited with code 5: broken", result.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 5", sink.Text(0), StringComparison.Ordinal);
    }
}
