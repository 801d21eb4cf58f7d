using System.Net;
using System.Net.Sockets;
using Cyclone.Client;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Protocol.Rest;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Configuration;

/// <summary>
/// The original tool's configuration files on real processes: <c>cyclone hub -f master.conf</c> runs a file generator,
/// <c>cyclone agent -f controller.conf</c> runs its tasks; pid files keep out a second instance, SIGTERM stops both
/// cleanly, and after a restart the generator goes on from its cursor.
/// </summary>
public sealed class ConfFilePairTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cyclone-conf-").FullName;
    private readonly List<CycloneProcess> _processes = [];

    private string File(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task A_conf_pair_starts_a_hub_and_an_agent_that_run_a_file_generators_tasks_and_resume_after_a_restart()
    {
        var port = FreePortPair();
        System.IO.File.WriteAllLines(File("tasks.txt"), ["# one task per line", .. Enumerable.Range(1, 12).Select(i => $"echo generated-{i}"), ""]);
        System.IO.File.WriteAllText(File("generator.json"), """{ "file": "tasks.txt" }""");
        System.IO.File.WriteAllText(File("master.conf"), $"""
            ; the original tool's master configuration
            [control]
            pid_file = run/hub.pid
            controller_timeout = 5
            controller_wait_duration = 0.5
            task_resend_timeout = 5

            [comm]
            target = 127.0.0.1
            port = {port}
            poll_timeout = 0.25

            [log]
            filename = logs/hub.log

            [task_generator]
            module = cyclone
            class = file
            config_file = generator.json
            """);
        System.IO.File.WriteAllText(File("controller.conf"), $"""
            [control]
            pid_file = run/agent.pid

            [comm]
            target = 127.0.0.1
            port = {port}
            request_retry_wait_duration = 1
            max_num_request_retries = 10

            [log]
            filename = logs/agent.log

            [processing]
            worker_count = 3
            """);

        var hub = StartHub();
        var client = await ConnectAsync(port, hub);
        var agentToken = (await client.CreateTokenAsync(new TokenCreateRequest { Role = "agent", Name = "conf" }, CancellationToken.None)).Secret;
        var agent = StartAgent(agentToken);

        var jobs = await WaitForCompletedAsync(client, 12);
        Assert.All(jobs, j => Assert.Equal("generator", j.User));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"tasks.txt:{i + 1}").Order(), jobs.Select(j => j.Name).Order());
        var agents = await client.ListAgentsAsync(CancellationToken.None);
        Assert.Equal(3, Assert.Single(agents).SlotsTotal);
        Assert.Contains("Generator task_generator (file) starts after the start", System.IO.File.ReadAllText(File("logs/hub.log")), StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(File("logs/agent.log")));
        Assert.Equal($"{hub.Pid}", System.IO.File.ReadAllText(File("run/hub.pid")).Trim());

        // a second hub with the same pid file is refused, naming it
        using (var second = CycloneProcess.Start("second hub", ["hub", "-f", File("master.conf"), "--data", File("data2")], Environment()))
        {
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the second hub did not exit");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains($"the pid file {File("run/hub.pid")} is held by another running instance (pid {hub.Pid})", second.Stderr, StringComparison.Ordinal);
        }

        // SIGTERM stops both cleanly, and their pid files go
        agent.Signal("TERM");
        hub.Signal("TERM");
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the agent did not stop on SIGTERM");
        Assert.True(await hub.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the hub did not stop on SIGTERM");
        Assert.Equal((0, 0), (agent.ExitCode, hub.ExitCode));
        Assert.False(System.IO.File.Exists(File("run/hub.pid")));
        Assert.False(System.IO.File.Exists(File("run/agent.pid")));

        // two more lines while it is down: after a restart only they are submitted
        System.IO.File.AppendAllLines(File("tasks.txt"), ["echo generated-13", "echo generated-14"]);
        hub = StartHub();
        client = await ConnectAsync(port, hub);
        StartAgent(agentToken);
        jobs = await WaitForCompletedAsync(client, 14);
        Assert.Equal(14, jobs.Count);
        Assert.Contains("Generator task_generator (file) starts after 13", System.IO.File.ReadAllText(File("logs/hub.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_in_a_conf_file_is_refused_naming_the_file_and_line()
    {
        System.IO.File.WriteAllText(File("bad.conf"), "[comm]\nport = 7000\n\n[comm]\nretries = 3\n");

        using var hub = CycloneProcess.Start("hub", ["hub", "-f", File("bad.conf"), "--data", File("data")], Environment());

        Assert.True(await hub.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the hub did not exit");
        Assert.Equal(2, hub.ExitCode);
        Assert.Contains($"{File("bad.conf")}:5: [comm] retries: unknown key", hub.Stderr, StringComparison.Ordinal);
    }

    private CycloneProcess StartHub() =>
        Track(CycloneProcess.Start("hub", ["hub", "-f", File("master.conf"), "--data", File("data")], Environment(), _dir));

    private CycloneProcess StartAgent(string token) =>
        Track(CycloneProcess.Start("agent", ["agent", "-f", File("controller.conf"), "--name", "conf-agent"],
            new Dictionary<string, string>(Environment()) { ["CYCLONE_TOKEN"] = token }, _dir));

    private Dictionary<string, string> Environment() => new()
    {
        ["XDG_STATE_HOME"] = File("state"),
        ["XDG_CONFIG_HOME"] = File("config"),
    };

    private async Task<CycloneClient> ConnectAsync(int port, CycloneProcess hub)
    {
        var url = new Uri($"http://127.0.0.1:{port}");
        using var anonymous = new CycloneClient(url, new HubCredentials(null, null));
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(hub.HasExited, $"the hub exited early:\n{hub.Log}\n{ReadLog("logs/hub.log")}");
            return (await anonymous.HealthAsync(CancellationToken.None)).Status == "ok";
        }, TestCluster.StartDeadline, "the hub answers /healthz");
        return new CycloneClient(url, new HubCredentials(System.IO.File.ReadAllText(File("data/bootstrap-token")).Trim(), null));
    }

    private static async Task<IReadOnlyList<JobDto>> WaitForCompletedAsync(CycloneClient client, int count) =>
        await Eventually.UntilAsync(async () =>
        {
            var page = await client.ListJobsAsync(["COMPLETED"], "generator", 0, 100, CancellationToken.None);
            return page.Items.Count >= count ? page.Items : null;
        }, TimeSpan.FromMinutes(2), $"{count} generated jobs are COMPLETED");

    private string ReadLog(string name) => System.IO.File.Exists(File(name)) ? System.IO.File.ReadAllText(File(name)) : "";

    private CycloneProcess Track(CycloneProcess process)
    {
        _processes.Add(process);
        return process;
    }

    /// <summary>A port whose next one is free too (the hub's gRPC port is the conf file's port + 1).</summary>
    private static int FreePortPair()
    {
        while (true)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
            output.WriteLine($"===== {process.Label}\n{process.Log}");
        }

        output.WriteLine($"===== logs/hub.log\n{ReadLog("logs/hub.log")}\n===== logs/agent.log\n{ReadLog("logs/agent.log")}");
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
