using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class JobDependencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dependencies_between_jobs_follow_slurm_afterok_afterany_and_afternotok()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 4);
        var marker = Path.Combine(cluster.DataDirectory, "go");
        var ok = await cluster.SubmitAsync("--", "sh", "-c", $"while [ ! -e {marker} ]; do sleep 0.05; done");
        var bad = await cluster.SubmitAsync("--", "sh", "-c", $"while [ ! -e {marker} ]; do sleep 0.05; done; exit 3");
        var afterOk = await cluster.SubmitAsync("--dependency", $"afterok:{ok}", "--", "true");
        var afterBoth = await cluster.SubmitAsync("--dependency", $"afterok:{ok}:{bad}", "--", "true");
        var afterAny = await cluster.SubmitAsync("-d", $"afterany:{bad}", "--", "true");
        var afterNotOk = await cluster.SubmitAsync("-d", $"afternotok:{bad}", "--", "true");
        Assert.Equal("BLOCKED", (await cluster.JobAsync(afterOk)).State);

        await File.WriteAllTextAsync(marker, "");
        await cluster.WaitForJobAsync(afterOk, "COMPLETED");
        await cluster.WaitForJobAsync(afterBoth, "UPSTREAM_FAILED");
        await cluster.WaitForJobAsync(afterAny, "COMPLETED");
        await cluster.WaitForJobAsync(afterNotOk, "COMPLETED");
        var late = await cluster.SubmitAsync("-d", $"afterok:{bad}", "--", "true");
        await cluster.WaitForJobAsync(late, "UPSTREAM_FAILED");

        var missing = await cluster.CliAsync("run", "-d", "afterok:99999", "--", "true");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("99999", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_array_runs_each_element_with_its_index_and_never_more_than_the_limit_at_once()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 8);
        var dir = Path.Combine(cluster.DataDirectory, "array");
        Directory.CreateDirectory(dir);
        // each element records how many elements run beside it, then leaves its index behind
        var script = $"touch {dir}/run.$CYCLONE_ARRAY_TASK_ID; ls {dir} | grep -c '^run' > {dir}/seen.$CYCLONE_ARRAY_TASK_ID; sleep 0.3; rm {dir}/run.$CYCLONE_ARRAY_TASK_ID; touch {dir}/done.$CYCLONE_ARRAY_TASK_ID";
        var id = await cluster.SubmitAsync("--array", "0-11%3", "--", "sh", "-c", script);
        await cluster.WaitForJobAsync(id, "COMPLETED", TimeSpan.FromSeconds(120));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"done.{i}").Order(StringComparer.Ordinal),
            Directory.GetFiles(dir, "done.*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var most = Directory.GetFiles(dir, "seen.*").Max(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task One_element_of_an_array_can_be_cancelled_alone()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 4);
        var id = await cluster.SubmitAsync("--array", "0-2", "--", "sh", "-c", "[ $CYCLONE_ARRAY_TASK_ID = 1 ] && exec sleep 300; true");
        await Eventually.UntilAsync(async () => (await cluster.JobAsync(id)).Tasks!.Count(t => t.State == "COMPLETED") == 2, TimeSpan.FromSeconds(60), "elements 0 and 2 complete");

        var kill = await cluster.CliAsync("kill", $"{id}_1");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        var job = await cluster.WaitForJobAsync(id, "CANCELLED");
        Assert.Equal(["COMPLETED", "CANCELLED", "COMPLETED"], job.Tasks!.Select(t => t.State));
    }
}
