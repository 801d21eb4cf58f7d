using Cyclone.Core.Tasks;
using Cyclone.Hub.Dwork;
using Cyclone.Protocol.Dwork;

namespace Cyclone.Hub.Tests.Dwork;

/// <summary>How dwork tasks are named, labelled and shown as Cyclone tasks.</summary>
public sealed class DworkJobsTests
{
    [Theory]
    [InlineData(TaskState.Blocked, State.Waiting)]
    [InlineData(TaskState.Pending, State.Ready)]
    [InlineData(TaskState.Running, State.Stolen)]
    [InlineData(TaskState.Completed, State.Done)]
    [InlineData(TaskState.Failed, State.Recorded)]
    [InlineData(TaskState.Cancelled, State.Recorded)]
    public void Cyclone_states_read_as_dwork_states(TaskState state, State dwork) => Assert.Equal(dwork, DworkJobs.StateOf(state));

    [Fact]
    public void Only_tasks_whose_names_run_go_without_the_worker_label()
    {
        Assert.Equal([DworkJobs.WorkerLabel], DworkJobs.Demand(runNames: false).Labels);
        Assert.Empty(DworkJobs.Demand(runNames: true).Labels);
        Assert.True(DworkJobs.IsReservedLabel(DworkJobs.WorkerLabel));
    }

    [Fact]
    public void A_job_is_named_after_its_origin_and_the_origin_is_read_back() =>
        Assert.Equal("host:1", DworkJobs.OriginOf(DworkJobs.JobName("host:1")));
}
