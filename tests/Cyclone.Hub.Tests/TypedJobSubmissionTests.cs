using System.Text.Json.Nodes;
using Cyclone.Hub.Api;
using Cyclone.Protocol.Rest;

namespace Cyclone.Hub.Tests;

public sealed class TypedJobSubmissionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void A_typed_task_job_carries_its_kind_class_and_parameters_and_is_named_for_its_kind()
    {
        var request = new SubmitJobRequest { Task = "math.Power", Parameters = new JsonObject { ["base"] = 2, ["exponent"] = 10 }, Array = "0-2" };

        var job = JobSubmissionValidator.Validate(request, "ada", Now, out var errors, out _);

        Assert.Empty(errors);
        Assert.NotNull(job);
        Assert.Equal("math.Power", job.Name);
        Assert.Equal(3, job.Tasks.Count);
        Assert.All(job.Tasks, t =>
        {
            Assert.Equal("math.Power", t.Payload.Kind);
            Assert.Equal("Cyclone.Tasks.Builtin.Math.PowerTask, Cyclone.Tasks", t.Payload.TaskClass);
            Assert.Equal("""{"base":2,"exponent":10}""", t.Payload.Parameters);
            Assert.Empty(t.Payload.Command);
        });
    }

    [Fact]
    public void A_noop_job_needs_no_parameters()
    {
        var job = JobSubmissionValidator.Validate(new SubmitJobRequest { Task = "noop" }, "ada", Now, out var errors, out _);

        Assert.Empty(errors);
        Assert.Null(Assert.Single(job!.Tasks).Payload.Parameters);
    }

    [Theory]
    [InlineData("math.Frobnicate", null, 1, "no task kind 'math.Frobnicate'")]
    [InlineData(" ", null, 1, "the task kind is empty")]
    [InlineData("noop", "/bin/true", 1, "either a command or a typed task")]
    [InlineData("noop", null, 2, "nodes and procsPerNode must be 1")]
    public void A_bad_typed_task_is_refused_on_the_task_field(string kind, string? program, int nodes, string words)
    {
        var request = new SubmitJobRequest { Task = kind, Command = program is null ? null : [program], Nodes = nodes };

        Assert.Null(JobSubmissionValidator.Validate(request, "ada", Now, out var errors, out _));
        Assert.Contains(errors["task"], e => e.Contains(words, StringComparison.Ordinal));
    }
}
