using Cyclone.Hub.Tests.Security;
using Cyclone.Protocol.Agent;

namespace Cyclone.Hub.Tests.Rogue;

/// <summary>
/// A rogue agent abuses its stream: it floods the hub with heartbeats, or never reads what the hub sends it. Neither may
/// keep the honest agent from getting and finishing work, and work leased to the rogue is not lost.
/// </summary>
public sealed class RogueStreamTests
{
    private const int Heartbeats = 50_000;

    [Fact]
    public async Task A_flood_of_heartbeats_does_not_keep_the_honest_agent_from_its_work()
    {
        await using var hub = await RogueHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        await using var honest = await SimAgent.StartAsync(hub, await RogueHub.AgentTokenAsync(admin, "honest"), "honest", hold: false, RogueHub.HonestLabel);
        await using var rogue = await FuzzAgentStream.OpenAsync(hub, $"Bearer {await RogueHub.AgentTokenAsync(admin, "rogue")}");
        await rogue.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("rogue") });
        await rogue.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering the rogue");

        var flood = Task.Run(async () =>
        {
            for (var i = 0; i < Heartbeats; i++)
            {
                var beat = new Heartbeat();
                beat.Running.Add(new AttemptRef { TaskId = i, Attempt = 1, NodeIndex = 0 }); // none of them its own: each earns a stop order
                await rogue.SendAsync(new AgentMessage { Heartbeat = beat });
            }
        });
        var jobs = await RogueHub.SubmitAsync(admin, 20);
        await RogueHub.AllAsync(admin, jobs, "COMPLETED", $"the honest agent finished 20 jobs during a flood of {Heartbeats} heartbeats");
        await flood.WaitAsync(TimeSpan.FromSeconds(60));
        var more = await RogueHub.SubmitAsync(admin, 5);
        await RogueHub.AllAsync(admin, more, "COMPLETED", "the honest agent finished 5 more jobs after the flood");
        Assert.Equal(25, honest.Finished.Distinct().Count());
        await FuzzHubState.AssertServingAsync(hub, $"after {Heartbeats} heartbeats");
    }

    [Fact]
    public async Task A_stream_that_never_reads_blocks_no_lease_and_its_work_is_redispatched_when_its_lease_runs_out()
    {
        await using var hub = await RogueHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);

        // the rogue registers first (so it is offered work first), asks, and then neither reads nor says anything
        await using var rogue = await FuzzAgentStream.OpenAsync(hub, $"Bearer {await RogueHub.AgentTokenAsync(admin, "rogue")}");
        var register = FuzzAgentMessages.Valid("rogue");
        register.Labels.Add(RogueHub.HonestLabel);
        await rogue.SendAsync(new AgentMessage { Register = register });
        await rogue.SendAsync(new AgentMessage { Ask = new Ask() });
        var first = await RogueHub.SubmitAsync(admin, 4, envBytes: 256 * 1024); // a megabyte of leases: more than the stream's window
        await FuzzEventually.TrueAsync(async () => (await Task.WhenAll(first.Select(j => RogueHub.StateAsync(admin, j)))).All(s => s == "RUNNING"), "the rogue holds four leases");

        await using var honest = await SimAgent.StartAsync(hub, await RogueHub.AgentTokenAsync(admin, "honest"), "honest", hold: false, RogueHub.HonestLabel);
        var rest = await RogueHub.SubmitAsync(admin, 16, envBytes: 256 * 1024);
        await RogueHub.AllAsync(admin, rest, "COMPLETED", "the honest agent finished the jobs submitted after the rogue stalled", seconds: 20);
        await RogueHub.AllAsync(admin, first, "COMPLETED", "the rogue's jobs were redispatched to the honest agent and finished", seconds: 20);
        foreach (var job in first)
        {
            var task = await RogueHub.TaskAsync(admin, job);
            Assert.True((int)task["attempt"]! == 2 && task["agents"]!.AsArray().Single()!.GetValue<string>() == "honest", task.ToJsonString());
        }

        await FuzzHubState.AssertServingAsync(hub, "after a stream that never read");
    }

    [Fact]
    public async Task A_stream_that_never_reads_but_keeps_heartbeating_is_cut_off_instead_of_piling_up_messages()
    {
        await using var hub = await RogueHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        await using var honest = await SimAgent.StartAsync(hub, await RogueHub.AgentTokenAsync(admin, "honest"), "honest", hold: false, RogueHub.HonestLabel);
        await using var rogue = await FuzzAgentStream.OpenAsync(hub, $"Bearer {await RogueHub.AgentTokenAsync(admin, "rogue")}");
        await rogue.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("rogue") });

        // each heartbeat names 100 attempts that are not the rogue's: the hub answers with stop orders the rogue never reads
        var beat = new Heartbeat();
        beat.Running.AddRange(Enumerable.Range(1, 100).Select(i => new AttemptRef { TaskId = i, Attempt = 1, NodeIndex = 0 }));
        using var stop = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await rogue.SendAsync(new AgentMessage { Heartbeat = beat });
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // cut off
            }
        });
        await FuzzEventually.TrueAsync(async () => await AgentStateAsync(admin, "rogue") == "DOWN", "the hub cut off the rogue that never reads", TimeSpan.FromSeconds(30));
        var jobs = await RogueHub.SubmitAsync(admin, 8);
        await RogueHub.AllAsync(admin, jobs, "COMPLETED", "the honest agent finished 8 jobs after the rogue was cut off");
        await stop.CancelAsync();
        await rogue.DisposeAsync();
        await flood.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<string?> AgentStateAsync(HttpClient admin, string name) =>
        (string?)System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync(new Uri("api/v1/agents", UriKind.Relative)))!.AsArray()
            .FirstOrDefault(a => (string?)a!["name"] == name)?["state"];
}
