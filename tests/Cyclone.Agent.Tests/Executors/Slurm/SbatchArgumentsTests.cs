using Cyclone.Agent.Attempts;
using Cyclone.Agent.Executors.Slurm;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors.Slurm;

public sealed class SbatchArgumentsTests
{
    private static readonly SlurmJobFiles Files = new("/shared/jobs", new AttemptId(42, 3, 0));

    private static Lease Lease(Action<Lease>? change = null)
    {
        var lease = new Lease { TaskId = 42, JobId = 7, Attempt = 3, NodeIndex = 0, Nnodes = 1, ProcsPerNode = 1, CpusPerProc = 1 };
        lease.Command.AddRange(["echo", "hi"]);
        change?.Invoke(lease);
        return lease;
    }

    [Fact]
    public void A_plain_task_becomes_one_node_one_task_named_and_commented_for_its_attempt_and_agent_never_requeued()
    {
        var args = SbatchArguments.For(Lease(), new SlurmExecutorOptions(), "login1", Files, "/home/u");

        Assert.Equal(
            [
                "--parsable", "--job-name=cyclone-42-3-0", "--comment=cyclone task=42 attempt=3 node=0 agent=login1",
                "--output=/shared/jobs/42-3-0/batch.out", "--error=/shared/jobs/42-3-0/batch.err", "--chdir=/home/u",
                "--nodes=1", "--ntasks=1", "--ntasks-per-node=1", "--cpus-per-task=1", "--no-requeue", "/shared/jobs/42-3-0/job.sh",
            ],
            args);
    }

    [Fact]
    public void A_task_the_hub_placed_whole_on_the_agent_becomes_one_job_of_all_its_nodes_with_its_processes_on_each()
    {
        var whole = Lease(l =>
        {
            l.Nnodes = 3;
            l.ProcsPerNode = 2;
            l.MemoryBytes = 1L << 30;
            l.Gpus = 1;
            l.Nodelist.AddRange(["login1", "login1", "login1"]);
        });

        var args = SbatchArguments.For(whole, new SlurmExecutorOptions(), "login1", Files, "/w");

        Assert.Contains("--nodes=3", args);
        Assert.Contains("--ntasks=6", args);
        Assert.Contains("--ntasks-per-node=2", args);
        Assert.Contains("--mem=1024M", args); // per node
        Assert.Contains("--gres=gpu:1", args); // per node
        Assert.DoesNotContain("--nodes=1", args);
    }

    [Fact]
    public void One_node_part_of_a_task_spread_over_several_agents_stays_a_one_node_job()
    {
        var part = Lease(l =>
        {
            l.Nnodes = 2;
            l.NodeIndex = 1;
            l.ProcsPerNode = 2;
            l.Nodelist.AddRange(["login1", "login2"]);
        });

        var args = SbatchArguments.For(part, new SlurmExecutorOptions(), "login2", Files, "/w");

        Assert.Contains("--nodes=1", args);
        Assert.Contains("--ntasks=2", args);
        Assert.Contains("--ntasks-per-node=2", args);
    }

    [Fact]
    public void Processes_cpus_memory_gpus_and_time_limit_map_onto_sbatch_options_memory_in_MiB_and_time_in_whole_minutes_rounded_up()
    {
        var args = SbatchArguments.For(
            Lease(l =>
            {
                l.ProcsPerNode = 4;
                l.CpusPerProc = 2;
                l.MemoryBytes = (3L << 30) + 1;
                l.Gpus = 2;
                l.TimeLimitMs = 90_000;
            }),
            new SlurmExecutorOptions(), "a", Files, "/w");

        Assert.Contains("--ntasks=4", args);
        Assert.Contains("--ntasks-per-node=4", args);
        Assert.Contains("--cpus-per-task=2", args);
        Assert.Contains("--mem=3073M", args);
        Assert.Contains("--gres=gpu:2", args);
        Assert.Contains("--time=2", args);
    }

    [Fact]
    public void Partition_account_and_qos_come_from_the_tasks_labels_before_the_agents_settings_then_extra_arguments_before_the_script()
    {
        var options = new SlurmExecutorOptions { Partition = "batch", Account = "proj", Qos = "normal", ExtraArguments = "--constraint=ib  --exclusive" };
        var args = SbatchArguments.For(Lease(l => l.Labels.AddRange(["slurm", "slurm:partition=gpu", "slurm:qos=high"])), options, "a", Files, "/w");

        Assert.Contains("--partition=gpu", args);
        Assert.Contains("--account=proj", args);
        Assert.Contains("--qos=high", args);
        Assert.DoesNotContain("--partition=batch", args);
        Assert.Equal(["--constraint=ib", "--exclusive", "/shared/jobs/42-3-0/job.sh"], args.TakeLast(3));
    }

    [Theory]
    [InlineData("--job-name=x")]
    [InlineData("-Jx")]
    [InlineData("--time=5")]
    [InlineData("--output=/tmp/o")]
    [InlineData("constraint")]
    public void Extra_arguments_that_the_agent_sets_itself_or_that_are_no_options_are_configuration_problems(string extra)
    {
        var problems = new SlurmExecutorOptions { ExtraArguments = extra }.Problems().ToList();
        Assert.Contains(problems, p => p.StartsWith("Agent:Slurm:ExtraArguments", StringComparison.Ordinal));
    }

    [Fact]
    public void The_job_name_and_comment_let_a_restarted_agent_find_its_own_jobs_and_no_one_elses()
    {
        var id = new AttemptId(42, 3, 1);
        var comment = SlurmJobName.Comment(id, "login 1");

        Assert.Equal(id, SlurmJobName.OwnedBy(comment, "login 1"));
        Assert.Null(SlurmJobName.OwnedBy(comment, "login 2"));
        Assert.Null(SlurmJobName.OwnedBy("(null)", "login 1"));
        Assert.Null(SlurmJobName.OwnedBy("cyclone task=x attempt=1 node=0 agent=login 1", "login 1"));
    }
}
