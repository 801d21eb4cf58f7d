using System.Diagnostics;
using System.Net;
using Cyclone.Client;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Npgsql;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

/// <summary>Two hub processes on one PostgreSQL store: one active, one standing by, and what happens when the active one dies.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Killing_the_active_hub_lets_the_standby_take_over_with_its_workflows_and_every_task_completes_exactly_once()
    {
        if (Skipped())
        {
            return;
        }

        await using var server = await PostgresServer.StartAsync(Ct);
        var database = await server.CreateDatabaseAsync(Ct);
        await using var cluster = new TestCluster(output);
        cluster.HubArguments.AddRange(["--store", database]);
        var first = await cluster.StartHubAsync();
        var (second, standbyUrl) = await cluster.StartStandbyHubAsync("hub-b");
        var hubs = $"{cluster.HubUrl},{standbyUrl}";
        using var client = new CycloneClient([new Uri(cluster.HubUrl), new Uri(standbyUrl)], new HubCredentials(cluster.AdminToken, null)) { FailoverWait = Long };
        for (var i = 1; i <= 3; i++)
        {
            cluster.LaunchAgent($"worker{i}", 3, null, null, hubs, []);
            await cluster.WaitForAgentAsync($"worker{i}", "UP");
        }

        cluster.CliHub = hubs;
        var workflowFile = Path.Combine(cluster.DataDirectory, "greet.json");
        await File.WriteAllTextAsync(workflowFile, """{ "nodes": [ { "name": "greet", "command": ["echo", "published before the failover"] } ] }""", Ct);
        var published = await cluster.CliAsync("workflow", "publish", workflowFile, "--name", "greet");
        Assert.True(published.ExitCode == 0, published.ToString());
        var commit = published.Stdout.Trim().Split(' ')[^1]; // "published greet (native) as COMMIT"
        var shortTasks = await cluster.SubmitAsync("--array", "0-299", "--", "sh", "-c", "echo $CYCLONE_ARRAY_TASK_ID");
        var longTasks = await cluster.SubmitAsync("--array", "0-5", "--", "sleep", "3");
        await Eventually.UntilAsync(
            async () => (await client.ListTasksAsync(["COMPLETED"], 0, 1, Ct)).Total >= 30 && (await client.ListTasksAsync(["RUNNING"], 0, 1, Ct)).Total > 0,
            Long, "some tasks completed and some run");

        var clock = Stopwatch.StartNew();
        first.Signal("KILL");
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the first hub exits on SIGKILL");
        using var standby = new CycloneClient(new Uri(standbyUrl), new HubCredentials(cluster.AdminToken, null));
        await Eventually.UntilAsync(async () => (await standby.HealthAsync(Ct)).Status == "ok", Long, "the standby hub is active");
        var active = clock.Elapsed;
        await Eventually.UntilAsync(
            async () => (await standby.ListAgentsAsync(Ct)).Count(a => a.State == "UP" && a.ConnectedAt > DateTimeOffset.UtcNow - clock.Elapsed) == 3,
            Long, "every agent reconnected to the new active hub");
        var agents = clock.Elapsed;
        output.WriteLine($"[failover] kill -9 to the standby answering as the active hub: {active.TotalSeconds:0.0} s; to all three agents connected to it: {agents.TotalSeconds:0.0} s");
        output.WriteLine(string.Join('\n', second.Log.Split('\n').Where(l => l.Contains("HubElection", StringComparison.Ordinal) || l.Contains("Reloaded", StringComparison.Ordinal) || l.Contains("listening", StringComparison.Ordinal))));

        foreach (var job in new[] { shortTasks, longTasks })
        {
            await Eventually.UntilAsync(async () => (await client.GetJobAsync(job, Ct)).State is "COMPLETED" or "FAILED" or "CANCELLED" ? true : (bool?)null, Long, $"job {job} ends");
            var ended = await client.GetJobAsync(job, Ct);
            Assert.True(ended.State == "COMPLETED", $"job {job} is {ended.State}");
            Assert.NotNull(ended.Tasks);
            Assert.All(ended.Tasks, t => Assert.True(t.State == "COMPLETED" && t.Attempt is >= 1 and <= 5, $"task {t.Id}: {t.State}, attempt {t.Attempt}"));
        }

        // the workflow published through the first hub is in the new active hub's repository, as the same commit, and runs
        var history = await cluster.CliAsync("workflow", "history", "greet");
        Assert.True(history.ExitCode == 0 && history.Stdout.Contains(commit, StringComparison.Ordinal), $"{published}\n{history}");
        var run = await cluster.CliAsync("workflow", "execute", "greet", "--wait");
        Assert.True(run.ExitCode == 0, run.ToString());

        var cluster1 = await client.GetClusterAsync(Ct);
        Assert.Equal(307, cluster1.TasksByState.GetValueOrDefault("COMPLETED"));
        Assert.Equal(307, cluster1.TasksByState.Values.Sum());
        Assert.Equal(standbyUrl, Assert.Single(cluster1.Hubs, h => h.Role == "active").Url);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var completions = new NpgsqlCommand("SELECT count(*), count(DISTINCT task_id) FROM attempts WHERE state = 3;", connection);
        await using var reader = await completions.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal((307L, 307L), (reader.GetInt64(0), reader.GetInt64(1))); // one completed attempt recorded per task, none twice
    }

    [Fact]
    public async Task A_standby_hub_redirects_api_calls_to_the_active_hub_and_the_cli_follows_it()
    {
        if (Skipped())
        {
            return;
        }

        await using var server = await PostgresServer.StartAsync(Ct);
        var database = await server.CreateDatabaseAsync(Ct);
        await using var cluster = new TestCluster(output);
        cluster.HubArguments.AddRange(["--store", database]);
        await cluster.StartHubAsync();
        var (_, standbyUrl) = await cluster.StartStandbyHubAsync("hub-b");

        using var raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var redirect = await raw.GetAsync(new Uri($"{standbyUrl}/api/v1/jobs?limit=5"), Ct);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"{cluster.HubUrl}/api/v1/jobs?limit=5", redirect.Headers.Location?.ToString());
        Assert.Equal("standby", Assert.Single(redirect.Headers.GetValues(CycloneClient.RoleHeader)));
        using var anonymous = new CycloneClient(new Uri(standbyUrl));
        var health = await anonymous.HealthAsync(Ct);
        Assert.Equal(("standby", "standby", cluster.HubUrl, 0), (health.Status, health.Role, health.Active, health.GrpcPort));

        cluster.CliHub = standbyUrl;
        var job = await cluster.SubmitAsync("--", "true");
        Assert.Equal("PENDING", (await cluster.JobAsync(job)).State); // stored by the active hub (no agent runs it)
        var info = await cluster.CliAsync("info");
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains($"hub: {cluster.HubUrl} (active", info.Stdout, StringComparison.Ordinal);
        Assert.Contains($"hub: {standbyUrl} (standby", info.Stdout, StringComparison.Ordinal);

        cluster.CliHub = $"http://127.0.0.1:1,{standbyUrl}"; // nothing listens on the first: the CLI goes on to the next
        var queue = await cluster.CliAsync("queue");
        Assert.True(queue.ExitCode == 0, queue.ToString());
        Assert.Contains($"{job}", queue.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_active_hub_whose_lock_session_the_database_ends_stands_down_and_one_hub_carries_on_in_a_new_term()
    {
        if (Skipped())
        {
            return;
        }

        await using var server = await PostgresServer.StartAsync(Ct);
        var database = await server.CreateDatabaseAsync(Ct);
        await using var cluster = new TestCluster(output);
        cluster.HubArguments.AddRange(["--store", database]);
        var first = await cluster.StartHubAsync();
        var (second, standbyUrl) = await cluster.StartStandbyHubAsync("hub-b");
        var hubs = $"{cluster.HubUrl},{standbyUrl}";
        cluster.LaunchAgent("worker", 2, null, null, hubs, []);
        await cluster.WaitForAgentAsync("worker", "UP");

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Ct);
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid, 10000) FROM cyclone_leader;", connection); // the active hub's lock session
            Assert.True((bool)(await end.ExecuteScalarAsync(Ct))!);
        }

        await Eventually.UntilAsync(() => Task.FromResult(first.Log.Contains("This hub is no longer the active hub", StringComparison.Ordinal)), Long, "the first hub stands down");
        using var client = new CycloneClient([new Uri(cluster.HubUrl), new Uri(standbyUrl)], new HubCredentials(cluster.AdminToken, null)) { FailoverWait = Long };
        var roles = await Eventually.UntilAsync(
            async () =>
            {
                var states = new List<string>();
                foreach (var url in new[] { cluster.HubUrl, standbyUrl })
                {
                    using var hub = new CycloneClient(new Uri(url));
                    states.Add((await hub.HealthAsync(Ct)).Status);
                }

                return states.Count(s => s == "ok") == 1 && states.Count(s => s == "standby") == 1 ? states : null;
            },
            Long, "one hub is active and the other stands by");
        output.WriteLine($"after the lock session ended: {string.Join(", ", roles)}");
        Assert.False(first.HasExited || second.HasExited, "both hubs keep running");

        cluster.CliHub = hubs;
        var job = await cluster.SubmitAsync("--", "true");
        await Eventually.UntilAsync(async () => (await client.GetJobAsync(job, Ct)).State == "COMPLETED", Long, "a job submitted afterwards completes");
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync(Ct);
        await using var term = new NpgsqlCommand("SELECT epoch FROM cyclone_leader;", check);
        Assert.True((long)(await term.ExecuteScalarAsync(Ct))! >= 2, "a new term began");
    }

    private bool Skipped()
    {
        if (PostgresServer.Missing is { } missing && !PostgresServer.Required)
        {
            output.WriteLine($"SKIPPED (passes without running): {missing}");
            Console.Error.WriteLine($"SKIPPED (passes without running): {missing}");
            return true;
        }

        return false;
    }
}
