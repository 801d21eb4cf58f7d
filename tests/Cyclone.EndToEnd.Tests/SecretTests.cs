using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class SecretTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Tokens_never_reach_task_environments_job_output_the_api_or_logs_and_the_bootstrap_token_is_printed_once()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var agent = await cluster.StartAgentAsync("a", slots: 1);

        // the CLI runs with CYCLONE_TOKEN set; the agent too; the task prints its whole environment
        var run = await cluster.CliAsync("run", "--wait", "--", "env");
        Assert.True(run.ExitCode == 0, run.ToString());
        var job = (await cluster.Client.ListJobsAsync(null, null, 0, 1, CancellationToken.None)).Items[0];
        var logs = await cluster.CliAsync("logs", $"{job.Id}");
        Assert.Contains("CYCLONE_JOB_ID=", logs.Stdout, StringComparison.Ordinal);

        using var http = cluster.Http();
        var api = await http.GetStringAsync(new Uri($"/api/v1/jobs/{job.Id}", UriKind.Relative))
            + await http.GetStringAsync(new Uri("/api/v1/tokens", UriKind.Relative))
            + await http.GetStringAsync(new Uri("/api/v1/audit?limit=1000", UriKind.Relative));
        foreach (var (name, secret) in new[] { ("admin", cluster.AdminToken), ("agent", cluster.AgentToken) })
        {
            Assert.DoesNotContain(secret, logs.Stdout + logs.Stderr + run.Stdout + run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, api, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, agent.Log, StringComparison.Ordinal);
            Assert.True(!cluster.Hub!.Log.Contains(secret, StringComparison.Ordinal) || name == "admin", $"the hub logged the {name} token");
        }

        // printed once, on the first start, for the person who started the hub
        Assert.Single(cluster.Hub!.Log.Split('\n'), l => l.Contains(cluster.AdminToken, StringComparison.Ordinal));
        var refused = await cluster.CliAsAsync("cyc_" + new string('x', 43), TimeSpan.FromSeconds(60), "info");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not known", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("cyc_xxx", refused.Stderr, StringComparison.Ordinal);
    }
}
