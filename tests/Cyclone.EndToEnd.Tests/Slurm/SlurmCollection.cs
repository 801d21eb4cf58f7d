namespace Cyclone.EndToEnd.Tests.Slurm;

/// <summary>The tests that share one Slurm cluster; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmFixture>
{
    public const string Name = "slurm";
}
