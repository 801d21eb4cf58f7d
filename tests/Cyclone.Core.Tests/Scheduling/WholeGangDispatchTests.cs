using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

/// <summary>An agent that stands for a cluster (label <c>cluster-nodes=N</c>, a Slurm agent) takes a multi-node task whole.</summary>
public class WholeGangDispatchTests
{
    private static readonly string[] Cluster4 = ["slurm", "cluster-nodes=4"];

    private readonly SchedulerHarness _h = new();

    [Fact]
    public void A_multi_node_task_is_placed_whole_on_a_cluster_agent_as_one_lease_holding_every_nodes_capacity()
    {
        _h.Connect("slurm", slots: 16, memGb: 64, gpus: 4, labels: Cluster4);
        _h.Submit(1, nodes: 3, demand: SchedulerHarness.Demand(slots: 2, memGb: 4, gpus: 1));

        var fx = _h.Dispatch();

        var lease = Assert.Single(fx.Leases);
        Assert.Equal(("slurm", 1L, 0), (lease.Agent, lease.TaskId, lease.NodeIndex));
        Assert.Equal(["slurm", "slurm", "slurm"], lease.NodeList);
        Assert.Equal(["slurm", "slurm", "slurm"], Assert.Single(fx.Transitions).Agents!);
        Assert.True(_h.Task(1).PlacedWhole);
        Assert.Equal(new AgentCapacity(10, 52L << 30, 1), _h.Agent("slurm").Free);
        Assert.Equal(3, _h.Agent("slurm").PartCount);
    }

    [Fact]
    public void The_outcome_of_node_0_ends_the_whole_task_and_frees_all_its_capacity()
    {
        _h.Connect("slurm", slots: 16, labels: Cluster4);
        _h.Submit(1, nodes: 2, demand: SchedulerHarness.Demand(slots: 4));
        _h.Submit(2, nodes: 2, demand: SchedulerHarness.Demand(slots: 4), maxRetries: 1);
        _h.Dispatch();

        var done = _h.Succeed("slurm", 1, attempt: 1);
        var failed = _h.Fail("slurm", 2, attempt: 1);

        Assert.Equal(TaskState.Completed, Assert.Single(done.Transitions).State);
        Assert.Empty(failed.Stops);
        Assert.Equal(TaskState.Pending, Assert.Single(failed.Transitions).State);
        Assert.Equal(_h.Agent("slurm").Total, _h.Agent("slurm").Free);
        var again = Assert.Single(_h.Dispatch().Leases);
        Assert.Equal((2L, 2, 0), (again.TaskId, again.Attempt, again.NodeIndex));
        Assert.Equal(new AgentCapacity(8, 16L << 30, 0), _h.Agent("slurm").Free);
    }

    [Fact]
    public void Cancelling_a_task_placed_whole_sends_one_stop_order_for_node_0_and_frees_every_part()
    {
        _h.Connect("slurm", slots: 16, labels: Cluster4);
        _h.Submit(1, nodes: 4);
        _h.Dispatch();

        var fx = _h.Cancel(1);

        var stop = Assert.Single(fx.Stops);
        Assert.Equal(("slurm", 1L, 1, 0), (stop.Agent, stop.TaskId, stop.Attempt, stop.NodeIndex));
        Assert.Equal(_h.Agent("slurm").Total, _h.Agent("slurm").Free);
        Assert.Equal(0, _h.Agent("slurm").PartCount);
    }

    [Fact]
    public void An_agent_of_one_host_or_a_cluster_of_too_few_nodes_or_too_little_room_gets_no_whole_task()
    {
        _h.Connect("host", slots: 64);
        _h.Connect("small", slots: 64, labels: ["cluster-nodes=2"]);
        _h.Connect("full", slots: 5, labels: Cluster4);
        _h.Submit(1, nodes: 3, demand: SchedulerHarness.Demand(slots: 2));

        var fx = _h.Dispatch();

        // no agent takes it whole: it goes node by node on three distinct agents, as any gang
        Assert.Equal(3, fx.Leases.Count);
        Assert.Equal(3, fx.Leases.Select(l => l.Agent).Distinct().Count());
        Assert.False(_h.Task(1).PlacedWhole);
    }

    [Fact]
    public void A_cluster_agent_coming_back_with_node_0_keeps_the_whole_task_and_one_coming_back_without_it_has_it_run_again_once()
    {
        _h.Connect("slurm", slots: 16, labels: Cluster4);
        _h.Submit(1, nodes: 3);
        _h.Submit(2, nodes: 3);
        _h.Dispatch();
        _h.State.Disconnected("slurm");

        var fx = _h.Connect("slurm", slots: 16, labels: Cluster4, running: new RunningPart(1, 1, 0));

        Assert.Empty(fx.Stops);
        Assert.Equal((TaskState.Running, 1), (_h.Task(1).State, _h.Task(1).Attempt));
        var requeued = fx.Transitions.Where(t => t.TaskId == 2).ToList();
        Assert.Equal(TaskState.Pending, requeued[0].State);
        var again = Assert.Single(fx.Leases);
        Assert.Equal((2L, 2), (again.TaskId, again.Attempt));
        Assert.Equal(6, _h.Agent("slurm").PartCount);
        Assert.Equal(0, _h.State.ReadyCount);
    }

    [Fact]
    public void A_draining_cluster_agent_handing_back_a_whole_task_has_it_queued_once()
    {
        _h.Connect("slurm", slots: 16, labels: Cluster4);
        _h.Submit(1, nodes: 3);
        _h.Dispatch();

        var fx = _h.Drain("slurm", handBack: true);

        Assert.Single(fx.Transitions, t => t.State == TaskState.Pending);
        Assert.Equal(1, _h.State.ReadyCount);
        Assert.Equal(_h.Agent("slurm").Total, _h.Agent("slurm").Free);
    }

    [Fact]
    public void A_lost_cluster_agent_has_its_whole_task_run_again_once()
    {
        _h.Connect("slurm", slots: 16, labels: Cluster4);
        _h.Submit(1, nodes: 3);
        _h.Dispatch();
        _h.Time.Advance(new SchedulerOptions().LeaseTimeout + TimeSpan.FromSeconds(1));

        var (lost, fx) = _h.Tick();

        Assert.Equal(["slurm"], lost);
        Assert.Single(fx.Transitions, t => t.State == TaskState.Pending);
        Assert.Equal(1, _h.State.ReadyCount);
    }

    [Fact]
    public void A_task_placed_whole_before_a_hub_restart_is_kept_when_its_agent_comes_back_with_node_0()
    {
        var task = SchedulerHarness.NewTask(1, nodes: 3);
        _h.State.Restore(task, TaskState.Running, attempt: 2, failures: 0, ["slurm", "slurm", "slurm"], _h.Now, _h.Now);

        var fx = _h.Connect("slurm", slots: 16, labels: Cluster4, running: new RunningPart(1, 2, 0));

        Assert.True(fx.IsEmpty);
        Assert.True(_h.Task(1).PlacedWhole);
        Assert.Equal(new AgentCapacity(13, 16L << 30, 0), _h.Agent("slurm").Free);
        Assert.Equal(TaskState.Completed, Assert.Single(_h.Succeed("slurm", 1, attempt: 2).Transitions).State);
    }

    [Fact]
    public void A_pilot_like_cluster_agent_takes_a_whole_task_only_when_it_ends_before_the_agent_goes()
    {
        var fx = new SchedulerEffects();
        _h.State.Connect("slurm", new AgentCapacity(16, 16L << 30, 0), SchedulerHarness.Labels(Cluster4), [], _h.Now, fx, availableUntil: _h.Now.AddMinutes(10));
        _h.Submit(1, nodes: 2, timeLimit: TimeSpan.FromMinutes(20));
        _h.Submit(2, nodes: 2, timeLimit: TimeSpan.FromMinutes(5));

        var leases = _h.Dispatch().Leases;

        Assert.Equal([2L], leases.Select(l => l.TaskId));
    }

    [Fact]
    public void A_multi_node_demand_one_cluster_agent_can_hold_is_satisfiable()
    {
        _h.Connect("slurm", slots: 16, labels: Cluster4);

        Assert.Null(_h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 4), 4));
        Assert.NotNull(_h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 4), 5));
        Assert.NotNull(_h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 5), 4));
    }

    [Fact]
    public void The_cluster_nodes_label_is_read_from_an_agents_labels()
    {
        Assert.Equal(4, Placement.ClusterNodes(SchedulerHarness.Labels("slurm", "cluster-nodes=4")));
        Assert.Equal(0, Placement.ClusterNodes(SchedulerHarness.Labels("slurm")));
        Assert.Equal(0, Placement.ClusterNodes(SchedulerHarness.Labels("cluster-nodes=many", "cluster-nodes=-1")));
    }
}
