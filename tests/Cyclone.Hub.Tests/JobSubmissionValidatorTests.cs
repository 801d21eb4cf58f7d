using Cyclone.Hub.Api;
using Cyclone.Protocol.Rest;

namespace Cyclone.Hub.Tests;

public sealed class JobSubmissionValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Valid_request_becomes_one_task_with_the_demand_of_one_node()
    {
        var request = new SubmitJobRequest
        {
            Command = ["/bin/echo", "hi"],
            Nodes = 2,
            ProcsPerNode = 3,
            CpusPerProc = 2,
            Memory = "1G",
            Gpus = 1,
            TimeLimit = "1:30",
            Retries = 2,
            Labels = ["fast", " fast ", "ssd"],
            Priority = 5,
            WorkingDirectory = "/tmp",
            Environment = new Dictionary<string, string> { ["A"] = "1" },
            OutputPattern = "out-%j-%t.txt",
        };

        var job = JobSubmissionValidator.Validate(request, "ada", Now, out var errors, out _);

        Assert.Empty(errors);
        Assert.NotNull(job);
        Assert.Equal("echo", job.Name);
        Assert.Equal("ada", job.User);
        var task = Assert.Single(job.Tasks);
        Assert.Equal(2, task.Nodes);
        Assert.Equal(6, task.Demand.Slots);
        Assert.Equal(1L << 30, task.Demand.MemoryBytes);
        Assert.Equal(1, task.Demand.Gpus);
        Assert.Equal(["fast", "ssd"], task.Demand.Labels);
        Assert.Equal(TimeSpan.FromSeconds(90), task.TimeLimit);
        Assert.Equal(2, task.MaxRetries);
        Assert.Equal(5, task.Priority);
        Assert.Equal(3, task.Payload.ProcsPerNode);
        Assert.Equal("/tmp", task.Payload.WorkingDirectory);
        Assert.Equal("out-%j-%t.txt", task.Payload.OutputPattern);
        Assert.Null(task.Payload.ErrorPattern);
    }

    [Theory]
    [InlineData("command", "empty")]
    public void Empty_command_is_rejected_on_its_field(string field, string words)
    {
        var job = JobSubmissionValidator.Validate(new SubmitJobRequest { Command = [] }, "ada", Now, out var errors, out _);

        Assert.Null(job);
        Assert.Contains(words, Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var request = new SubmitJobRequest
        {
            Command = ["true"],
            Nodes = 0,
            ProcsPerNode = -1,
            Memory = "12X",
            TimeLimit = "1:2:3:4",
            WorkingDirectory = "relative/dir",
            OutputPattern = "%q",
            Environment = new Dictionary<string, string> { ["A=B"] = "1" },
        };

        var job = JobSubmissionValidator.Validate(request, "ada", Now, out var errors, out _);

        Assert.Null(job);
        Assert.Equal(
            ["environment", "memory", "nodes", "outputPattern", "procsPerNode", "timeLimit", "workingDirectory"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("12X", errors["memory"][0], StringComparison.Ordinal);
        Assert.Contains("1:2:3:4", errors["timeLimit"][0], StringComparison.Ordinal);
        Assert.Contains("relative/dir", errors["workingDirectory"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_job_belongs_to_the_caller_and_a_missing_name_is_the_program_name()
    {
        var job = JobSubmissionValidator.Validate(new SubmitJobRequest { Command = ["/usr/bin/sleep", "1"] }, "ada", Now, out _, out _);

        Assert.NotNull(job);
        Assert.Equal("ada", job.User);
        Assert.Equal("sleep", job.Name);
        Assert.Null(job.Tasks[0].TimeLimit);
    }

    [Fact]
    public void A_megabyte_of_bad_fields_gets_errors_that_quote_only_their_start()
    {
        // found by fuzzing: the working directory was quoted whole (the parsers' errors were too)
        var huge = string.Concat(Enumerable.Repeat("1:30,", 200_000));
        var request = new SubmitJobRequest { Command = ["/bin/true"], WorkingDirectory = huge, Memory = huge, TimeLimit = huge, Array = huge, Dependency = huge, OutputPattern = "%" + huge };

        Assert.Null(JobSubmissionValidator.Validate(request, "ada", Now, out var errors, out _));
        Assert.Equal(["array", "dependency", "memory", "outputPattern", "timeLimit", "workingDirectory"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values.SelectMany(e => e), e => Assert.True(e.Length < 500, $"{e.Length} characters: {e[..100]}"));
    }
}
