using System.Net;
using System.Net.Sockets;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;
using Type = Cyclone.Protocol.Dwork.QueryMsg.Types.Type;

namespace Cyclone.EndToEnd.Tests;

/// <summary>The dwork protocol on a real <c>cyclone hub --dwork-port</c> process with a real agent.</summary>
public sealed class DworkTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task With_run_names_an_agent_runs_a_dwork_graph_in_order_and_Steal_then_answers_Exit()
    {
        await using var cluster = new TestCluster(output);
        var port = FreePort();
        cluster.HubArguments.AddRange(["--dwork-port", $"{port}", "--dwork-run-names"]);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a1", 2);
        var first = Path.Combine(cluster.DataDirectory, "first");
        var second = Path.Combine(cluster.DataDirectory, "second");
        using var client = new DworkClient(port, "worker");
        var created = client.Create("e2e", ($"touch {first}", []), ($"test -e {first} && touch {second}", [$"touch {first}"]));
        Assert.Equal(Type.Ok, created.Type);

        await Eventually.UntilAsync(() => Task.FromResult(client.Steal().Type == Type.Exit), Deadline, "Steal answers Exit once the agent ran both tasks");
        Assert.True(File.Exists(second), "the second task ran after the first");
    }

    [Fact]
    public async Task Without_run_names_agents_leave_dwork_tasks_to_dwork_workers()
    {
        await using var cluster = new TestCluster(output);
        var port = FreePort();
        cluster.HubArguments.AddRange(["--dwork-port", $"{port}"]);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a1", 2);
        var marker = Path.Combine(cluster.DataDirectory, "ran");
        using var client = new DworkClient(port, "worker");
        Assert.Equal(Type.Ok, client.Create("e2e", ($"touch {marker}", [])).Type);

        // a later job runs on the agent while the older dwork task stays ready for a dwork worker
        var job = await cluster.SubmitAsync("--", "true");
        await cluster.WaitForJobAsync(job, "COMPLETED");
        Assert.Equal(Cyclone.Protocol.Dwork.State.Ready, client.Lookup($"touch {marker}").Task[0].Log[^1].State);
        var stolen = client.Steal();
        Assert.Equal(Type.Transfer, stolen.Type);
        Assert.Equal($"touch {marker}", Assert.Single(stolen.Task).Name);
        Assert.False(File.Exists(marker));
        Assert.Equal(Type.Ok, client.Complete($"touch {marker}").Type);
        Assert.Equal(Type.Exit, client.Steal().Type);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
