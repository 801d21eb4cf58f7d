using Cyclone.Agent.Executors;
using Cyclone.Agent.Tests.Support;
using Cyclone.Tests.Shared;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors;

public sealed class ProcessKillTests
{
    private const string SleepTree = "sleep 300 & echo $!; sleep 300 & echo $!; echo $$; wait";

    /// <summary>
    /// Long enough that the shell has set its traps and printed its pids before the limit fires, even on a host that
    /// stalls for a while: a limit that fires first would kill a tree not yet there, and the test would prove nothing.
    /// </summary>
    private const int LimitMs = 3000;

    [Fact]
    public async Task Time_limit_kills_the_whole_tree_and_reports_timed_out()
    {
        var harness = new ExecutorHarness();
        var lease = Leases.Shell(SleepTree);
        lease.TimeLimitMs = LimitMs;

        var result = await harness.RunAsync(lease);

        Assert.Equal(OutcomeKind.TimedOut, result.Kind);
        Assert.Equal(128 + 15, result.ExitCode);
        Assert.Contains("time limit", result.Message, StringComparison.Ordinal);
        // the limit's timer counts whole milliseconds of a coarser clock than the wall clock the result is stamped with,
        // so it may fire a moment before a full second of wall time has passed
        Assert.True(result.Ended - result.Started >= TimeSpan.FromMilliseconds(LimitMs - 50), $"ran {(result.Ended - result.Started).TotalMilliseconds} ms");
        var pids = harness.PrintedPids(3);
        await Eventually.TrueAsync(() => !pids.Any(ProcessTree.IsAlive), "every process of the tree is gone");
    }

    [Fact]
    public async Task Stop_kills_the_whole_tree_and_reports_stopped()
    {
        var harness = new ExecutorHarness();
        var attempt = harness.Executor.Start(Leases.Shell(SleepTree));
        await Eventually.TrueAsync(() => harness.Sink.Text(0).Count(c => c == '\n') >= 3, "the tree is up");
        var pids = harness.PrintedPids(3);
        Assert.All(pids, pid => Assert.True(ProcessTree.IsAlive(pid)));

        attempt.Stop("cancelled by a user");
        var result = await attempt.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(OutcomeKind.Stopped, result.Kind);
        Assert.Contains("cancelled by a user", result.Message, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => !pids.Any(ProcessTree.IsAlive), "every process of the tree is gone");
    }

    [Fact]
    public async Task Time_limit_also_kills_descendants_that_left_the_session()
    {
        var harness = new ExecutorHarness();
        var lease = Leases.Shell("setsid sleep 300 & echo $!; wait");
        lease.TimeLimitMs = LimitMs;

        var result = await harness.RunAsync(lease);

        Assert.Equal(OutcomeKind.TimedOut, result.Kind);
        var escaped = harness.PrintedPids(1)[0];
        Assert.True(ProcessTree.TryRead(escaped, out _) is false || !ProcessTree.IsAlive(escaped) || await GoneSoonAsync(escaped));
    }

    [Fact]
    public async Task Processes_ignoring_sigterm_get_sigkill_after_the_kill_grace()
    {
        var harness = new ExecutorHarness(killGrace: TimeSpan.FromMilliseconds(500));
        var lease = Leases.Shell("trap '' TERM; sleep 300 & echo $!; echo $$; wait");
        lease.TimeLimitMs = LimitMs;

        var result = await harness.RunAsync(lease);

        Assert.Equal(OutcomeKind.TimedOut, result.Kind);
        Assert.Equal(128 + 9, result.ExitCode);
        var pids = harness.PrintedPids(2);
        await Eventually.TrueAsync(() => !pids.Any(ProcessTree.IsAlive), "the processes ignoring SIGTERM are gone");
    }

    [Fact]
    public async Task Background_processes_left_behind_by_a_normal_exit_are_killed()
    {
        var harness = new ExecutorHarness();

        var result = await harness.RunAsync(Leases.Shell("sleep 300 & echo $!"));

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        Assert.Equal(0, result.ExitCode);
        var leftover = harness.PrintedPids(1)[0];
        await Eventually.TrueAsync(() => !ProcessTree.IsAlive(leftover), "the background sleep is gone");
    }

    private static async Task<bool> GoneSoonAsync(int pid)
    {
        await Eventually.TrueAsync(() => !ProcessTree.IsAlive(pid), $"process {pid} is gone");
        return true;
    }
}
