using Cyclone.Hub.Agents;
using Cyclone.Hub.Scheduling;
using Body = Cyclone.Protocol.Agent.HubMessage.BodyOneofCase;

namespace Cyclone.Hub.Tests.Scheduling;

/// <summary>An operator's drain is kept with the agent in the store: it outlasts the agent's stream and the hub.</summary>
public sealed partial class OperatorLoopTests
{
    /// <summary>Submits a task and lets the loop offer it: an agent that is not drained would be leased it.</summary>
    private static async Task<long> OfferWorkAsync(LoopFixture hub, AgentConnection agent)
    {
        var job = await hub.SubmitAsync("offered");
        hub.Post(new AskCommand(agent));
        await hub.SyncAsync();
        return job.TaskIds[0];
    }

    [Fact]
    public async Task A_drained_agent_that_reconnects_stays_drained_until_resumed()
    {
        await using var hub = await LoopFixture.StartAsync();
        var first = hub.Connect("a", slots: 1);
        await hub.SyncAsync();
        Assert.True(await hub.Loop.DrainAgentAsync("a", None));

        hub.Post(new DisconnectedCommand(first));
        var again = hub.Connect("a", slots: 1);
        var task = await OfferWorkAsync(hub, again);

        Assert.True(again.HasNo(Body.Leases));
        Assert.Equal("DRAINING", Assert.Single(hub.Loop.View.Agents).State);
        var stored = Assert.Single(await hub.Store.ListAgentsAsync(None));
        Assert.Equal(("DRAINING", true), (stored.State, stored.Drained));

        Assert.Null(await hub.Loop.ResumeAgentAsync("a", None));
        Assert.Equal(task, Assert.Single((await again.NextOfAsync(Body.Leases)).Leases.Leases).TaskId);
        stored = Assert.Single(await hub.Store.ListAgentsAsync(None));
        Assert.Equal(("UP", false), (stored.State, stored.Drained));
    }

    [Fact]
    public async Task A_drain_holds_across_a_hub_restart_and_a_resume_after_it_is_kept_too()
    {
        await using var hub = await LoopFixture.StartAsync();
        hub.Connect("a", slots: 1);
        await hub.SyncAsync();
        Assert.True(await hub.Loop.DrainAgentAsync("a", None));

        await hub.RestartAsync();
        var back = hub.Connect("a", slots: 1);
        var task = await OfferWorkAsync(hub, back);
        Assert.True(back.HasNo(Body.Leases));
        Assert.Equal("DRAINING", Assert.Single(hub.Loop.View.Agents).State);

        Assert.Null(await hub.Loop.ResumeAgentAsync("a", None));
        Assert.Equal(task, Assert.Single((await back.NextOfAsync(Body.Leases)).Leases.Leases).TaskId);
        await hub.RestartAsync();
        hub.Connect("a", slots: 1);
        await hub.SyncAsync();
        Assert.Equal("UP", Assert.Single(hub.Loop.View.Agents).State);
        Assert.False(Assert.Single(await hub.Store.ListAgentsAsync(None)).Drained);
    }

    [Fact]
    public async Task Resuming_an_agent_that_is_shutting_down_is_refused_even_when_an_operator_drained_it_first()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var b = hub.Connect("b", slots: 1);
        await hub.SyncAsync();
        Assert.True(await hub.Loop.DrainAgentAsync("a", None));
        hub.Post(new LeavingCommand(a, HandBack: false));
        hub.Post(new LeavingCommand(b, HandBack: false));
        await hub.SyncAsync();

        Assert.Contains("is shutting down", await hub.Loop.ResumeAgentAsync("a", None), StringComparison.Ordinal);
        Assert.Contains("is shutting down", await hub.Loop.ResumeAgentAsync("b", None), StringComparison.Ordinal);
        Assert.All(hub.Loop.View.Agents, agent => Assert.Equal("DRAINING", agent.State));
        Assert.True(a.HasNo(Body.Leases));
    }
}
