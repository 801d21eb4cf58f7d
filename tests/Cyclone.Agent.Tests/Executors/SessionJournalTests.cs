using System.Diagnostics;
using Cyclone.Agent.Executors;
using Cyclone.Agent.Hosting;
using Cyclone.Agent.Tests.Support;

namespace Cyclone.Agent.Tests.Executors;

public sealed class SessionJournalTests : IDisposable
{
    private readonly AgentOptions _options = new() { Name = "journal-test", StateDirectory = Directory.CreateTempSubdirectory("cyclone-journal-").FullName };

    [Fact]
    public void The_next_agent_of_the_same_name_kills_the_trees_a_crashed_one_left_running()
    {
        using var leftover = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", "sleep 60 & sleep 60"]) { UseShellExecute = false })!;
        new SessionJournal(_options).Record(leftover.Id);

        var killed = new SessionJournal(_options).KillLeftovers();

        Assert.Equal(1, killed);
        Assert.True(leftover.WaitForExit(10_000), "the leftover tree was not killed");
        Assert.Empty(Directory.GetFiles(_options.StateDirectory!));
    }

    [Fact]
    public void A_recorded_pid_that_now_belongs_to_another_process_is_left_alone()
    {
        using var other = Process.Start(new ProcessStartInfo("sleep", ["60"]) { UseShellExecute = false })!;
        File.WriteAllText(Path.Combine(_options.StateDirectory!, $"{other.Id}"), "1"); // started at another time

        Assert.Equal(0, new SessionJournal(_options).KillLeftovers());
        Assert.False(other.HasExited);
        other.Kill();
    }

    [Fact]
    public async Task A_tree_that_ends_is_forgotten()
    {
        var harness = new ExecutorHarness();
        await harness.RunAsync(Leases.Shell("true"));
        Assert.True(Directory.Exists(harness.StateDirectory));
        Assert.Empty(Directory.GetFiles(harness.StateDirectory));
    }

    public void Dispose() => Directory.Delete(_options.StateDirectory!, recursive: true);
}
