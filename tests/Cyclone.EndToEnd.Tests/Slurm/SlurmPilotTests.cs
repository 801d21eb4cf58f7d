using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Slurm;

/// <summary><c>cyclone slurm pilots</c> grows the cluster onto Slurm allocations: pilot agents join, run work and leave in time.</summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "slurm")]
public sealed class SlurmPilotTests(SlurmFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_pilot_joins_runs_what_fits_in_its_allocation_and_leaves_before_it_ends()
    {
        if (fixture.Cluster is not { } slurm)
        {
            output.WriteLine($"SKIPPED (passes without running): {SlurmCluster.Missing}");
            return;
        }

        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var tokenFile = Path.Combine(cluster.DataDirectory, "agent-token");
        await File.WriteAllTextAsync(tokenFile, cluster.AgentToken);
        var log = Path.Combine(cluster.DataDirectory, "pilot-%j.out");
        // a 4-minute allocation the pilot leaves 150 s early: it stays about 90 s
        var environment = new Dictionary<string, string>(TestCluster.AgentEnvironment)
        {
            ["CYCLONE_Agent__PilotMargin"] = "00:02:30",
            ["XDG_STATE_HOME"] = cluster.AgentStateDirectory,
        };
        var submit = cluster.LaunchWithSlurm(
            "slurm pilots", ["slurm", "pilots", "--hub", cluster.HubUrl, "--count", "1", "--time", "4m", "--token-file", tokenFile, "--output", log], slurm, environment);
        Assert.True(await submit.WaitForExitAsync(Deadline) && submit.ExitCode == 0, submit.Log);
        var slurmJob = long.Parse(submit.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var name = $"pilot-{slurmJob}-{slurm.NodeName}";

        await cluster.WaitForAgentAsync(name, "UP");
        var info = await cluster.CliAsync("info");
        var row = info.Stdout.Split('\n').Single(l => l.StartsWith(name, StringComparison.Ordinal));
        Assert.Matches(@"\d+m\d\ds left", row);
        var pilot = (await cluster.Client.ListAgentsAsync(CancellationToken.None)).Single(a => a.Name == name);
        Assert.True(pilot.Pilot);
        Assert.InRange(pilot.AllocationEndsAt!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1.6)); // when it leaves

        var tooLong = await cluster.SubmitAsync("--label", "pilot", "--time", "5", "--", "true");
        var fits = await cluster.CliAsync(Deadline, "run", "--label", "pilot", "--time", "0:30", "--wait", "--", "sh", "-c", "echo on $CYCLONE_NODENAME");
        Assert.True(fits.ExitCode == 0, fits.ToString());
        Assert.Contains($"on {name}", (await cluster.CliAsync("logs", fits.Stdout.Trim())).Stdout, StringComparison.Ordinal);
        Assert.Equal("PENDING", (await cluster.JobAsync(tooLong)).State);

        await Eventually.UntilAsync( // it stays about 90 s from its start
            async () => (await cluster.Client.ListAgentsAsync(CancellationToken.None)).Any(a => a.Name == name && a.State == "DOWN"),
            Deadline, $"pilot {name} has left");
        await Eventually.UntilAsync(
            async () => (await slurm.JobsAsync("cyclone-pilot", CancellationToken.None)).Single(j => j.Id == slurmJob).State == "COMPLETED",
            Deadline, $"pilot job {slurmJob} has ended by itself, before its time limit");
        Assert.Equal("PENDING", (await cluster.JobAsync(tooLong)).State);
    }

    [Fact]
    public async Task A_pilot_whose_allocation_is_extended_stays_longer_and_is_leased_what_fits_the_new_end()
    {
        if (fixture.Cluster is not { } slurm)
        {
            output.WriteLine($"SKIPPED (passes without running): {SlurmCluster.Missing}");
            return;
        }

        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var tokenFile = Path.Combine(cluster.DataDirectory, "agent-token");
        await File.WriteAllTextAsync(tokenFile, cluster.AgentToken);
        // a 3-minute allocation the pilot leaves 150 s early (about 30 s after it starts), asking Slurm again every 2 s
        var environment = new Dictionary<string, string>(TestCluster.AgentEnvironment)
        {
            ["CYCLONE_Agent__PilotMargin"] = "00:02:30",
            ["CYCLONE_Agent__PilotRecheck"] = "00:00:02",
            ["XDG_STATE_HOME"] = cluster.AgentStateDirectory,
        };
        var submit = cluster.LaunchWithSlurm(
            "slurm pilots", ["slurm", "pilots", "--hub", cluster.HubUrl, "--count", "1", "--time", "3m", "--token-file", tokenFile, "--output", Path.Combine(cluster.DataDirectory, "pilot-%j.out")],
            slurm, environment);
        Assert.True(await submit.WaitForExitAsync(Deadline) && submit.ExitCode == 0, submit.Log);
        var slurmJob = long.Parse(submit.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var name = $"pilot-{slurmJob}-{slurm.NodeName}";
        try
        {
            await cluster.WaitForAgentAsync(name, "UP");
            var leavingAt = (await cluster.Client.ListAgentsAsync(CancellationToken.None)).Single(a => a.Name == name).AllocationEndsAt!.Value;

            await slurm.CommandAsync("scontrol", ["update", $"JobId={slurmJob}", "TimeLimit=10"], CancellationToken.None);

            var moved = await Eventually.UntilAsync(
                async () => (await cluster.Client.ListAgentsAsync(CancellationToken.None)).SingleOrDefault(a => a.Name == name && a.State == "UP" && a.AllocationEndsAt > leavingAt.AddMinutes(5)),
                Deadline, $"pilot {name} has told the hub that it leaves 7 minutes later");
            Assert.InRange(moved.AllocationEndsAt!.Value, leavingAt.AddMinutes(6.9), leavingAt.AddMinutes(7.1));
            // a task of up to 4 minutes did not fit the pilot's first allocation; it fits the extended one, and runs past the first moment to leave
            var wait = (int)Math.Max(1, Math.Ceiling((leavingAt - DateTimeOffset.UtcNow).TotalSeconds) + 5);
            var fits = await cluster.CliAsync(Deadline, "run", "--label", "pilot", "--time", "4", "--wait", "--", "sh", "-c", $"sleep {wait}; echo still on $CYCLONE_NODENAME");
            Assert.True(fits.ExitCode == 0, fits.ToString());
            Assert.Contains($"still on {name}", (await cluster.CliAsync("logs", fits.Stdout.Trim())).Stdout, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.UtcNow > leavingAt);
            Assert.Equal("UP", (await cluster.Client.ListAgentsAsync(CancellationToken.None)).Single(a => a.Name == name).State);
        }
        finally
        {
            await slurm.CommandAsync("scancel", [$"{slurmJob}"], CancellationToken.None);
        }
    }
}
