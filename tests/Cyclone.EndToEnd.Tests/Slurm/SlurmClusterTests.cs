using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Slurm;

/// <summary>The test Slurm itself: a batch job runs on its node and its end is known afterwards.</summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "slurm")]
public sealed class SlurmClusterTests(SlurmFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_batch_job_runs_on_the_test_node_and_scontrol_remembers_how_it_ended()
    {
        if (fixture.Cluster is not { } slurm)
        {
            output.WriteLine($"SKIPPED (passes without running): {Cyclone.Tests.Shared.SlurmCluster.Missing}");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("cyclone-slurm-job-").FullName;
        var id = (await slurm.CommandAsync("sbatch", ["--parsable", "-J", "fixture-check", "-o", $"{dir}/out.txt", "--wrap", "echo on $SLURMD_NODENAME; exit 3"], CancellationToken.None)).Trim();

        await Cluster.Eventually.UntilAsync(
            async () => (await slurm.JobsAsync("fixture-check", CancellationToken.None)).Any(j => j.State == "FAILED"),
            TimeSpan.FromSeconds(60), $"job {id} has failed");
        var shown = await slurm.CommandAsync("scontrol", ["show", "job", "-o", id], CancellationToken.None);
        Assert.Contains("ExitCode=3:0", shown, StringComparison.Ordinal);
        Assert.Equal($"on {slurm.NodeName}\n", await File.ReadAllTextAsync(Path.Combine(dir, "out.txt")));
        Directory.Delete(dir, recursive: true);
    }
}
