using System.Text;
using Cyclone.Hub.Workflows.Versions;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Hub.Tests.WorkflowVersions;

/// <summary>Hubs of one store end with the same workflow repository: the store records every change, and a hub replays what it lacks.</summary>
public sealed class WorkflowHistorySyncTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, 250, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("cyclone-sync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Changes_recorded_before_they_go_on_the_branch_are_replayed_by_another_hub_into_the_same_commits()
    {
        await using var store = await OpenStoreAsync();
        using var active = new WorkflowRepository(Path.Combine(_dir, "a.git"));
        foreach (var prepare in new Func<PendingWorkflowChange>[]
                 {
                     () => active.PreparePublish("wf", "native", Text("v1"), "alice", "one", T0),
                     () => active.PreparePublish("nc", "nodeworks", Text("graph"), "bob", "two", T0.AddSeconds(1)),
                 })
        {
            var change = prepare();
            await store.AppendWorkflowChangeAsync(change.Change, CancellationToken.None);
            active.Advance(change);
        }

        var deleted = active.PrepareDelete("wf", "alice", "gone", T0.AddSeconds(2))!;
        await store.AppendWorkflowChangeAsync(deleted.Change, CancellationToken.None); // the hub dies before it moves its branch

        using var standby = new WorkflowRepository(Path.Combine(_dir, "b.git"));
        await Sync(store, standby);
        await Sync(store, active); // the first hub, restarted, catches up with what it recorded

        Assert.Equal(3, standby.Chain().Count);
        Assert.Equal(standby.Chain(), active.Chain());
        Assert.Equal(deleted.Change.Commit, standby.Chain()[^1]);
        Assert.Equal(["nc"], standby.List());
        Assert.Equal("v1", Encoding.UTF8.GetString(standby.Get("wf", standby.Chain()[0])!.Content));
        Assert.Equal(["gone", "one"], standby.History("wf").Select(v => v.Message));
    }

    [Fact]
    public async Task A_repository_made_before_the_store_kept_changes_is_recorded_once_and_rebuilt_elsewhere_with_the_same_commits()
    {
        await using var store = await OpenStoreAsync();
        using var old = new WorkflowRepository(Path.Combine(_dir, "old.git"));
        old.Publish("wf", "native", Text("v1"), "alice", "one", T0);
        old.Publish("wf", "native", Text("v2"), "alice", "two", T0.AddMinutes(1));
        await Sync(store, old);
        await Sync(store, old);
        Assert.Equal(2, (await store.ReadWorkflowChangesAsync(0, 10, CancellationToken.None)).Count);

        using var other = new WorkflowRepository(Path.Combine(_dir, "other.git"));
        other.Publish("mine", "native", Text("not in the store"), "carol", "local", T0);
        await Sync(store, other);

        Assert.Equal(old.Chain(), other.Chain());
        Assert.Equal(["wf"], other.List());
        Assert.Single(Directory.GetDirectories(_dir, "other.git.diverged-*"));
    }

    [Fact]
    public void A_prepared_change_is_refused_once_the_branch_moved_past_its_parent()
    {
        using var repo = new WorkflowRepository(Path.Combine(_dir, "r.git"));
        var first = repo.PreparePublish("wf", "native", Text("a"), "alice", "a", T0);
        var second = repo.PreparePublish("wf", "native", Text("b"), "alice", "b", T0);
        repo.Advance(first);

        Assert.Throws<InvalidOperationException>(() => repo.Advance(second));
        Assert.Equal([first.Change.Commit], repo.Chain());
    }

    private async Task<SqliteStore> OpenStoreAsync()
    {
        var store = new SqliteStore(new StoreOptions { DataDirectory = Path.Combine(_dir, "store") }, NullLogger<SqliteStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static Task Sync(IStore store, WorkflowRepository repository) =>
        new WorkflowHistorySync(repository, store, TimeProvider.System, NullLogger<WorkflowHistorySync>.Instance).SyncAsync(CancellationToken.None);
}
