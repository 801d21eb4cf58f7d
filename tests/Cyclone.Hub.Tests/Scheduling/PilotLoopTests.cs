using Cyclone.Core.Resources;
using Cyclone.Hub.Agents;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Agent;
using Cyclone.Storage.Contract;
using Body = Cyclone.Protocol.Agent.HubMessage.BodyOneofCase;

namespace Cyclone.Hub.Tests.Scheduling;

/// <summary>What the loop does with the fields Slurm agents need: a pilot's allocation end, and a lease's resources and labels.</summary>
public sealed class PilotLoopTests
{
    [Fact]
    public async Task A_pilots_allocation_end_is_shown_and_keeps_a_task_with_a_longer_time_limit_from_it()
    {
        await using var hub = await LoopFixture.StartAsync();
        var end = hub.Time.GetUtcNow().AddMinutes(10);
        var register = new Register { Name = "pilot", Host = "node1", Slots = 2, Cores = 2, MemoryBytes = 1L << 34, AllocationEndsUnixMs = end.ToUnixTimeMilliseconds() };
        var pilot = new AgentConnection(register, "test", hub.Time.GetUtcNow());
        hub.Post(new ConnectCommand(pilot, register));
        var tooLong = await SubmitAsync(hub, TimeSpan.FromMinutes(30), NodeDemand.OneSlot);
        var fits = await SubmitAsync(hub, TimeSpan.FromMinutes(5), NodeDemand.OneSlot);

        var lease = Assert.Single((await pilot.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(fits.TaskIds[0], lease.TaskId);
        await hub.SyncAsync();
        var shown = Assert.Single(hub.Loop.View.Agents);
        Assert.Equal(end, shown.AllocationEndsAt);
        Assert.Equal(Core.Tasks.TaskState.Pending, (await hub.Store.GetTaskStatesAsync([tooLong.TaskIds[0]], CancellationToken.None))[tooLong.TaskIds[0]]);
    }

    [Fact]
    public async Task A_lease_carries_the_tasks_memory_gpus_and_labels()
    {
        await using var hub = await LoopFixture.StartAsync();
        var register = new Register { Name = "login", Host = "login", Slots = 8, Cores = 8, MemoryBytes = 1L << 36, Gpus = 4 };
        register.Labels.AddRange(["slurm", "slurm:partition=gpu"]);
        var agent = new AgentConnection(register, "test", hub.Time.GetUtcNow());
        hub.Post(new ConnectCommand(agent, register));
        await SubmitAsync(hub, null, new NodeDemand(1, 3L << 30, 2, ["slurm", "slurm:partition=gpu"]));

        var lease = Assert.Single((await agent.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(3L << 30, lease.MemoryBytes);
        Assert.Equal(2, lease.Gpus);
        Assert.Equal(["slurm", "slurm:partition=gpu"], lease.Labels);
    }

    private static Task<SubmittedJob> SubmitAsync(LoopFixture hub, TimeSpan? limit, NodeDemand demand)
    {
        var task = new NewTask(0, "t", demand, 1, 0, 0, limit, new TaskPayload { Command = ["true"] });
        return hub.Loop.SubmitAsync(new NewJob("t", "tester", "{}", hub.Time.GetUtcNow(), [task]), CancellationToken.None);
    }
}
