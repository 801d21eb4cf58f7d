using Cyclone.Hub.Tests.Security;
using Type = Cyclone.Protocol.Dwork.QueryMsg.Types.Type;

namespace Cyclone.Hub.Tests.Dwork;

/// <summary>What a location holds: reports out of order are refused, leases run out, Exit and Transfer hand tasks back, names survive a restart.</summary>
public sealed class DworkLeaseTests
{
    private static readonly string[] None = [];

    [Fact]
    public async Task Completing_a_task_not_stolen_blocked_unknown_or_held_elsewhere_gets_Error_and_changes_nothing()
    {
        await using var hub = await DworkHub.StartAsync();
        using var one = hub.Client("host1");
        using var two = hub.Client("host2");
        Assert.Equal(Type.Ok, one.Create("o", ("a", None), ("b", ["a"]), ("c", None)).Type);

        Assert.Contains("not stolen by host1", one.Complete("a").Name, StringComparison.Ordinal);
        Assert.Equal(Type.Error, one.Complete("b").Type);                            // its predecessor is not done
        Assert.Contains("no task 'zzz'", one.Complete("zzz").Name, StringComparison.Ordinal);
        var stolen = one.Steal(16);
        Assert.Equal(["a", "c"], stolen.Task.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Type.Error, two.Complete("a").Type);                            // host1 holds it
        Assert.Equal(Type.Error, one.Complete("a", "b").Type);                       // one bad name refuses the whole message
        Assert.Equal(Type.Error, two.Transfer("c").Type);
        Assert.Equal(Type.Ok, one.Complete("a").Type);
        Assert.Contains("done already", one.Complete("a").Name, StringComparison.Ordinal);
        Assert.Equal(Type.Ok, one.Complete("c").Type);

        var b = two.Steal();
        Assert.Equal(["b"], b.Task.Select(t => t.Name));
        Assert.Equal(Type.Ok, two.Complete("b").Type);
        Assert.Equal(Type.Exit, one.Steal().Type);
    }

    [Fact]
    public async Task Tasks_of_a_location_that_goes_silent_return_to_the_queue_once_its_lease_runs_out()
    {
        await using var hub = await DworkHub.StartAsync(lease: "00:00:01");
        using var gone = hub.Client("gone");
        using var alive = hub.Client("alive");
        Assert.Equal(Type.Ok, gone.Create("o", ("a", None), ("b", None)).Type);
        Assert.Equal(2, gone.Steal(2).Task.Count);
        Assert.Equal(Type.NotFound, alive.Steal().Type);

        var taken = new List<string>();
        await FuzzEventually.TrueAsync(() =>
        {
            taken.AddRange(alive.Steal(2).Task.Select(t => t.Name));
            return Task.FromResult(taken.Count == 2);
        }, "the silent location's tasks are stolen by another");

        Assert.Equal(["a", "b"], taken.Order(StringComparer.Ordinal));
        Assert.Equal(Type.Error, gone.Complete("a").Type);
        Assert.Equal(Type.Ok, alive.Complete("a", "b").Type);
        Assert.Equal(Type.Exit, gone.Steal().Type);
    }

    [Fact]
    public async Task Exit_and_Transfer_hand_a_locations_tasks_back_to_the_queue()
    {
        await using var hub = await DworkHub.StartAsync();
        using var one = hub.Client("host1");
        using var two = hub.Client("host2");
        Assert.Equal(Type.Ok, one.Create("o", ("a", None), ("b", None), ("c", None)).Type);
        Assert.Equal(3, one.Steal(3).Task.Count);
        Assert.Equal(Type.Ok, one.Transfer("c").Type);
        Assert.Equal(["c"], two.Steal(3).Task.Select(t => t.Name));
        Assert.Equal(Type.Ok, one.Exit().Type);
        Assert.Equal(Type.NotFound, one.Exit().Type);
        Assert.Equal(Type.NotFound, hub.Client("never").Exit().Type);
        Assert.Equal(["a", "b"], two.Steal(3).Task.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Type.Error, one.Complete("a").Type);
        Assert.Equal(Type.Ok, two.Complete("a", "b", "c").Type);
        Assert.Equal(Type.Exit, two.Steal().Type);
    }

    [Fact]
    public async Task Task_names_and_stolen_work_survive_a_hub_restart()
    {
        var hub = await DworkHub.StartAsync();
        hub.Hub.KeepData = true;
        var data = hub.Hub.DataDirectory;
        using (var one = hub.Client("host1"))
        {
            Assert.Equal(Type.Ok, one.Create("o", ("a", None), ("b", ["a"])).Type);
            Assert.Equal(["a"], one.Steal().Task.Select(t => t.Name));
            Assert.Equal(Type.Ok, one.Complete("a").Type);
        }

        await hub.DisposeAsync();
        await using var again = await DworkHub.StartAsync(dataDirectory: data);
        using var two = again.Client("host2");
        Assert.Equal(Type.Error, two.Create("o", ("a", None)).Type);                 // the name is still taken
        Assert.Equal(Type.Ok, two.Create("o", ("c", ["b"])).Type);                  // and earlier names still resolve
        var b = two.Steal(4);
        Assert.Equal(["b"], b.Task.Select(t => t.Name));
        Assert.Equal(["a"], b.Task[0].Pred.Select(p => p.Name));
        Assert.Equal(Type.Ok, two.Complete("b").Type);
        Assert.Equal(["c"], two.Steal().Task.Select(t => t.Name));
        Assert.Equal(Type.Ok, two.Complete("c").Type);
        Assert.Equal(Type.Exit, two.Steal().Type);
        again.Hub.KeepData = false;
    }
}
