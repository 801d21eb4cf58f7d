using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    /// <summary>Four jobs: c (carol, submitted +2s, running since +5s), a and b (alice/bob, submitted +1s, a started +3s and ended +4s), d (dave, +3s, pending).</summary>
    private async Task<(IStore Store, long A, long B, long C, long D)> SortableJobsAsync()
    {
        var store = await OpenAsync();
        var c = (await store.SubmitAsync([Jobs.Single("charlie", "carol") with { SubmittedAt = Jobs.T0.AddSeconds(2) }], Ct))[0];
        var a = (await store.SubmitAsync([Jobs.Single("alpha", "alice") with { SubmittedAt = Jobs.T0.AddSeconds(1) }], Ct))[0];
        var b = (await store.SubmitAsync([Jobs.Single("bravo", "bob") with { SubmittedAt = Jobs.T0.AddSeconds(1) }], Ct))[0];
        var d = (await store.SubmitAsync([Jobs.Single("delta", "dave") with { SubmittedAt = Jobs.T0.AddSeconds(3) }], Ct))[0];
        await store.ApplyAsync([Running(a, 0, 1, Jobs.T0.AddSeconds(3), "n1")], Ct);
        await store.ApplyAsync([Ended(a, 0, TaskState.Completed, 1, Jobs.T0.AddSeconds(4), exit: 0)], Ct);
        await store.ApplyAsync([Running(c, 0, 1, Jobs.T0.AddSeconds(5), "n1")], Ct);
        return (store, a.JobId, b.JobId, c.JobId, d.JobId);
    }

    private static async Task<long[]> SortedAsync(IStore store, JobSort by, bool ascending, int offset = 0, int limit = 100) =>
        [.. (await store.QueryJobsAsync(new JobQuery([], null, offset, limit) { SortBy = by, Ascending = ascending }, Ct)).Items.Select(j => j.Id)];

    [StoreFact]
    public async Task Jobs_are_sorted_by_each_column_either_way_with_ties_broken_by_id_in_the_same_direction()
    {
        var (store, a, b, c, d) = await SortableJobsAsync();

        Assert.Equal([c, a, b, d], await SortedAsync(store, JobSort.Id, ascending: true));
        Assert.Equal([d, b, a, c], await SortedAsync(store, JobSort.Id, ascending: false));
        Assert.Equal([a, b, c, d], await SortedAsync(store, JobSort.Name, ascending: true));
        Assert.Equal([d, c, b, a], await SortedAsync(store, JobSort.User, ascending: false));
        Assert.Equal([b, d, c, a], await SortedAsync(store, JobSort.State, ascending: true)); // pending (by id), running, completed
        Assert.Equal([a, b, c, d], await SortedAsync(store, JobSort.Submitted, ascending: true)); // a and b tie: by id
        Assert.Equal([d, c, b, a], await SortedAsync(store, JobSort.Submitted, ascending: false));
    }

    [StoreFact]
    public async Task Jobs_not_started_or_not_ended_sort_after_every_started_or_ended_one()
    {
        var (store, a, b, c, d) = await SortableJobsAsync();

        Assert.Equal([a, c, b, d], await SortedAsync(store, JobSort.Started, ascending: true));
        Assert.Equal([d, b, c, a], await SortedAsync(store, JobSort.Started, ascending: false));
        Assert.Equal([a, c, b, d], await SortedAsync(store, JobSort.Ended, ascending: true));
        Assert.Equal([d, b, c, a], await SortedAsync(store, JobSort.Ended, ascending: false));
    }

    [StoreFact]
    public async Task Pages_of_a_sort_with_ties_cover_every_job_once()
    {
        var (store, a, b, c, d) = await SortableJobsAsync();

        long[] paged = [.. (await SortedAsync(store, JobSort.Started, true, 0, 2)).Concat(await SortedAsync(store, JobSort.Started, true, 2, 2))];

        Assert.Equal([a, c, b, d], paged);
    }
}
