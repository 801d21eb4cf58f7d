using Cyclone.Core.Tasks;
using Cyclone.Hub.Api;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Hub.Tests.Stream;

public sealed class JobTotalsTests
{
    private static readonly JobQuery Failed = new([TaskState.Failed], null) { Search = "render" };

    [Fact]
    public void A_slow_total_is_reused_for_its_lifetime_and_then_counted_again()
    {
        var time = new FakeTimeProvider();
        var totals = new JobTotals(time);
        totals.Counted(Failed, 42, TimeSpan.FromMilliseconds(300));

        Assert.Equal(42, totals.Get(Failed with { Offset = 200 })); // any page of the same filter
        Assert.Null(totals.Get(Failed with { Search = "other" }));
        time.Advance(JobTotals.Lifetime);
        Assert.Null(totals.Get(Failed));
    }

    [Fact]
    public void A_total_that_was_quick_to_count_is_never_reused()
    {
        var totals = new JobTotals(new FakeTimeProvider());
        totals.Counted(Failed, 7, TimeSpan.FromMilliseconds(2));

        Assert.Null(totals.Get(Failed));
    }
}
