using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class OutputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Output_is_readable_while_the_task_runs_and_stderr_stays_apart()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 1);
        var id = await cluster.SubmitAsync("--", "sh", "-c", "echo first; echo oops >&2; sleep 300");

        var logs = await Eventually.UntilAsync(async () =>
        {
            var r = await cluster.CliAsync("logs", $"{id}");
            return r.Stdout.Contains("first", StringComparison.Ordinal) && r.Stderr.Contains("oops", StringComparison.Ordinal) ? r : null;
        }, TimeSpan.FromSeconds(30), "the first line shows in cyclone logs");

        Assert.Equal(0, logs.ExitCode);
        Assert.DoesNotContain("oops", logs.Stdout, StringComparison.Ordinal);
        Assert.Equal("RUNNING", (await cluster.JobAsync(id)).State);
    }

    [Fact]
    public async Task Output_patterns_write_each_rank_to_its_own_file_in_the_working_directory()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 2);
        var dir = Directory.CreateDirectory(Path.Combine(cluster.DataDirectory, "work")).FullName;

        var run = await cluster.CliAsync("run", "-p", "2", "-D", dir, "-o", "out-%j-%t.txt", "--wait", "--", "sh", "-c", "echo rank $CYCLONE_PROCID");

        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Stdout.Trim();
        Assert.Equal("rank 0", File.ReadAllText(Path.Combine(dir, $"out-{id}-0.txt")).Trim());
        Assert.Equal("rank 1", File.ReadAllText(Path.Combine(dir, $"out-{id}-1.txt")).Trim());
    }
}
