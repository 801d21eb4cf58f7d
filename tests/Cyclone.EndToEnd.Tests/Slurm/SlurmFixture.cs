using Cyclone.Tests.Shared;

namespace Cyclone.EndToEnd.Tests.Slurm;

/// <summary>One throwaway single-node Slurm for every test class of the <see cref="SlurmCollection"/>, removed at the end.</summary>
public sealed class SlurmFixture : IAsyncLifetime
{
    private SlurmCluster? _cluster;

    /// <summary>The running cluster, or null when Slurm is missing here and not required (the tests then skip, saying so).</summary>
    internal SlurmCluster? Cluster => _cluster;

    public async Task InitializeAsync()
    {
        if (SlurmCluster.Missing is { } missing && !SlurmCluster.Required)
        {
            await Console.Error.WriteLineAsync($"Slurm tests are SKIPPED: {missing}");
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _cluster = await SlurmCluster.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
