using Cyclone.Core.Dependencies;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task Tasks_of_one_users_jobs_named_with_a_prefix_come_back_with_names_states_and_upstream_ids()
    {
        var store = await OpenAsync();
        var first = (await store.SubmitAsync([Jobs.Of("dwork:a", "dwork", 2)], Ct))[0];
        var second = new NewJob("dwork:b", "dwork", "{}", Jobs.T0,
        [
            Jobs.Task(0, "c") with { Dependencies = [NewDependency.OnTask(first.TaskIds[0], DependencyKind.AfterOk), NewDependency.OnTask(first.TaskIds[1], DependencyKind.AfterOk)] },
        ]);
        var others = new[] { Jobs.Of("dwork:x", "alice", 1), Jobs.Of("dworkx", "dwork", 1), Jobs.Of("dwork%", "dwork", 1) };
        await store.SubmitAsync([second, .. others], Ct);
        store = await ReopenAsync(store);

        var named = await store.ListTasksOfJobsNamedAsync("dwork", "dwork:", Ct);

        Assert.Equal(["dwork:a", "dwork:a", "dwork:b"], named.Select(t => t.JobName));
        Assert.Equal(["dwork:a", "dwork:a", "c"], named.Select(t => t.Name));
        Assert.Equal([TaskState.Pending, TaskState.Pending, TaskState.Blocked], named.Select(t => t.State));
        Assert.Empty(named[0].Upstream);
        Assert.Equal(first.TaskIds, named[2].Upstream.Order());
        Assert.Single(await store.ListTasksOfJobsNamedAsync("dwork", "dwork%", Ct));
    }
}
