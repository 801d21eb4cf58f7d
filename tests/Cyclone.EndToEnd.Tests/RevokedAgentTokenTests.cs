using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Protocol.Rest;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class RevokedAgentTokenTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Revoking_an_agents_token_closes_its_stream_stops_its_work_and_redispatches_it()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var own = await cluster.Client.CreateTokenAsync(new TokenCreateRequest { Role = "agent", Name = "doomed's token" }, CancellationToken.None);
        var doomed = cluster.LaunchAgent("doomed", 1, null, own.Secret);
        await cluster.WaitForAgentAsync("doomed", "UP");

        // the first attempt hangs (so it is surely running when the token goes); a redispatched one finishes at once
        var script = $"if [ \"$CYCLONE_ATTEMPT\" = 1 ]; then echo $$ > {cluster.DataDirectory}/first.pid; exec sleep 60; fi";
        var job = await cluster.SubmitAsync("--", "sh", "-c", script);
        await cluster.WaitForJobAsync(job, "RUNNING");
        var pid = await Processes.PidFromFileAsync(Path.Combine(cluster.DataDirectory, "first.pid"));
        await cluster.StartAgentAsync("spare", slots: 1);

        var revoke = await cluster.CliAsync("token", "revoke", $"{own.Token.Id}");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains("revoked", revoke.Stdout, StringComparison.Ordinal);

        Assert.True(await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the agent did not stop after its token was revoked:\n{doomed.Log}");
        Assert.Equal(3, doomed.ExitCode);
        Assert.Contains("revoked", doomed.Log, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => Task.FromResult(!Processes.IsAlive(pid)), TimeSpan.FromSeconds(30), "the revoked agent's attempt is killed");

        await cluster.WaitForJobAsync(job, "COMPLETED", TimeSpan.FromSeconds(60));
        var task = Assert.Single((await cluster.JobAsync(job)).Tasks!);
        Assert.Equal((2, "spare"), (task.Attempt, Assert.Single(task.Agents)));
        Assert.Contains((await cluster.Client.ListAgentsAsync(CancellationToken.None)), a => a.Name == "doomed" && a.State == "DOWN");

        // the revoked token cannot come back, through REST or the stream
        var again = cluster.LaunchAgent("doomed-again", 1, null, own.Secret);
        Assert.True(await again.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"an agent with a revoked token kept running:\n{again.Log}");
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("revoked", again.Log, StringComparison.Ordinal);
    }
}
