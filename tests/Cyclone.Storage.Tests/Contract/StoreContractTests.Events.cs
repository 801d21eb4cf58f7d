using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task Events_are_kept_newest_first_with_what_they_did()
    {
        var store = await OpenAsync();
        var first = await store.RecordEventAsync("go", "{\"n\":1}", "alice", Jobs.T0, Ct);
        await store.RecordEventAsync("stop", "null", "bob", Jobs.T0.AddSeconds(1), Ct);
        await store.CompleteEventAsync(first, 2, [7, 8], Ct);
        store = await ReopenAsync(store);

        var all = await store.ListEventsAsync(null, 10, Ct);
        Assert.Equal(["stop", "go"], all.Select(e => e.Name));
        var go = Assert.Single(await store.ListEventsAsync("go", 10, Ct));
        Assert.Equal(("{\"n\":1}", "alice", 2), (go.Data, go.User, go.Delivered));
        await store.RecordEventAsync("go", "2", "alice", Jobs.T0.AddSeconds(2), Ct);
        Assert.Equal([("stop", "null"), ("go", "2")], (await store.LatestEventsAsync(Ct)).Select(e => (e.Name, e.Data)));
        Assert.Equal([7L, 8L], go.StartedRuns);
    }

    [StoreFact]
    public async Task Triggers_are_replaced_per_workflow()
    {
        var store = await OpenAsync();
        await store.SetTriggersAsync("wf", ["a", "b"], Ct);
        await store.SetTriggersAsync("other", ["a"], Ct);
        await store.SetTriggersAsync("wf", ["b"], Ct);
        Assert.Equal([("a", "other"), ("b", "wf")], await store.ListTriggersAsync(null, Ct));
        Assert.Equal([("a", "other")], await store.ListTriggersAsync("a", Ct));
    }

    [StoreFact]
    public async Task Timers_keep_their_schedule_and_history_across_a_restart()
    {
        var store = await OpenAsync();
        var id = await store.AddTimerAsync(
            new TimerRecord(0, "every", "1h", "event", "tick", "{}", "alice", Jobs.T0, Jobs.T0.AddHours(1), null, null, 0, true), Ct);
        await store.UpdateTimerAsync(id, Jobs.T0.AddHours(2), Jobs.T0.AddHours(1), "fired", 1, true, Ct);
        var once = await store.AddTimerAsync(
            new TimerRecord(0, "in", "10m", "workflow", "wf", null, "bob", Jobs.T0, Jobs.T0.AddMinutes(10), null, null, 0, true), Ct);
        await store.UpdateTimerAsync(once, null, Jobs.T0.AddMinutes(10), "fired", 1, false, Ct);
        store = await ReopenAsync(store);

        var active = Assert.Single(await store.ListTimersAsync(activeOnly: true, Ct));
        Assert.Equal((id, Jobs.T0.AddHours(2), Jobs.T0.AddHours(1), "fired", 1), (active.Id, active.NextAt!.Value, active.LastAt!.Value, active.LastNote, active.Fired));
        Assert.Equal(2, (await store.ListTimersAsync(activeOnly: false, Ct)).Count);
    }
}
