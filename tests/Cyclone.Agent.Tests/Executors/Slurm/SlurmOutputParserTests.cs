using Cyclone.Agent.Executors.Slurm;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors.Slurm;

/// <summary>What Slurm 22.05's commands printed on a real cluster, read back.</summary>
public sealed class SlurmOutputParserTests
{
    [Fact]
    public void Squeue_lines_give_id_state_reason_and_the_comment_with_its_spaces_and_separators()
    {
        const string output = """
            1|RUNNING|None|cyclone task=5 attempt=1 node=0 agent=a|b
            2|PENDING|Resources|(null)
            5|FAILED|NonZeroExitCode|(null)
            not a job line
            """;

        var jobs = SlurmOutputParser.Squeue(output);

        Assert.Equal(3, jobs.Count);
        Assert.Equal(new SlurmJobState(1, "RUNNING", null, "", "cyclone task=5 attempt=1 node=0 agent=a|b"), jobs[0]);
        Assert.Equal("Resources", jobs[1].Reason);
        Assert.False(jobs[1].Ended);
        Assert.True(jobs[2].Ended);
    }

    [Fact]
    public void Scontrol_one_line_output_gives_the_final_state_and_exit_code_with_a_signal_as_128_plus_n()
    {
        const string failed = "JobId=5 JobName=wrap UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=1 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:00";
        const string cancelled = "JobId=1 JobName=cyc-test JobState=CANCELLED Reason=None Dependency=(null) ExitCode=0:15 Comment=cyclone task=5 attempt=1";

        Assert.Equal(new SlurmJobState(5, "FAILED", 3, "NonZeroExitCode"), SlurmOutputParser.Scontrol(failed));
        Assert.Equal(new SlurmJobState(1, "CANCELLED", 143, ""), SlurmOutputParser.Scontrol(cancelled));
        Assert.Null(SlurmOutputParser.Scontrol("slurm_load_jobs error: Invalid job id specified"));
    }

    [Fact]
    public void Sacct_gives_the_allocation_line_of_the_job_asked_for_and_strips_Slurms_additions_to_the_state()
    {
        const string output = "12|CANCELLED by 0|0:15\n12.batch|CANCELLED|0:15\n";

        Assert.Equal(new SlurmJobState(12, "CANCELLED", 143, ""), SlurmOutputParser.Sacct(output, 12));
        Assert.Null(SlurmOutputParser.Sacct(output, 13));
        Assert.Equal(new SlurmJobState(5, "FAILED", 3, ""), SlurmOutputParser.Sacct("5|FAILED|3:0", 5));
    }

    [Theory]
    [InlineData("4\n", 4L)]
    [InlineData("4;cluster\n", 4L)]
    [InlineData("sbatch: error: Batch job submission failed", null)]
    public void Sbatch_parsable_output_gives_the_job_id(string output, long? id) =>
        Assert.Equal(id, SlurmOutputParser.SbatchJobId(output));

    [Theory]
    [InlineData("COMPLETED", 0, 0, OutcomeKind.Exited, 0)]
    [InlineData("FAILED", 3, 3, OutcomeKind.Exited, 3)]
    [InlineData("FAILED", null, 2, OutcomeKind.Exited, 2)]
    [InlineData("TIMEOUT", null, 143, OutcomeKind.TimedOut, 143)]
    [InlineData("DEADLINE", null, null, OutcomeKind.TimedOut, -1)]
    [InlineData("NODE_FAIL", null, null, OutcomeKind.HandedBack, -1)]
    [InlineData("PREEMPTED", null, 143, OutcomeKind.HandedBack, -1)]
    [InlineData("BOOT_FAIL", null, null, OutcomeKind.HandedBack, -1)]
    [InlineData("CANCELLED", null, 143, OutcomeKind.Exited, 143)]
    [InlineData("OUT_OF_MEMORY", null, null, OutcomeKind.Exited, 137)]
    public void Slurms_final_states_map_onto_Cyclones_outcomes(string state, int? rankExit, int? slurmExit, OutcomeKind kind, int exitCode)
    {
        var (k, code, _) = SlurmEnding.Of(new SlurmJobState(9, state, slurmExit, ""), rankExit);
        Assert.Equal((kind, exitCode), (k, code));
    }

    [Fact]
    public void Sinfo_gives_the_memory_and_gpus_of_each_node_once()
    {
        const string output = "n1|64000|gpu:a100:4(S:0-1)\nn1|64000|gpu:a100:4(S:0-1)\nn2|32000|(null)\nn3|1000|gpu:2,mps:100\n";
        Assert.Equal(((64000L + 32000 + 1000) * 1024 * 1024, 6, 3), SlurmCapacity.Parse(output));
    }

    [Theory]
    [InlineData("2026-12-02T14:40:53\n", true)]
    [InlineData("N/A", false)]
    [InlineData("Unknown", false)]
    public void The_allocation_end_squeue_prints_is_read_in_local_time(string text, bool known)
    {
        var end = PilotAllocation.ParseEndTime(text);
        Assert.Equal(known, end is not null);
        if (end is { } e)
        {
            Assert.Equal(new DateTimeOffset(new DateTime(2026, 12, 2, 14, 40, 53, DateTimeKind.Local)), e);
        }
    }

    [Fact]
    public async Task A_pilot_takes_its_end_from_SLURM_JOB_END_TIME_before_asking_squeue()
    {
        var end = await PilotAllocation.DetectAsync(new NoCommands(), v => v == "SLURM_JOB_END_TIME" ? "1796222453" : null, CancellationToken.None);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796222453), end.End);

        var none = await PilotAllocation.DetectAsync(new NoCommands(), _ => null, CancellationToken.None);
        Assert.Null(none.End);
        Assert.Contains("SLURM_JOB_ID", none.Problem, StringComparison.Ordinal);
    }

    private sealed class NoCommands : ISlurmCommands
    {
        public Task<SlurmCommandResult> RunAsync(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken ct) =>
            throw new InvalidOperationException($"no command should run here ({program})");
    }
}
