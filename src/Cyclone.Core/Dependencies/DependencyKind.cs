namespace Cyclone.Core.Dependencies;

/// <summary>When a task may start relative to one task it depends on; names and meaning follow Slurm's.</summary>
public enum DependencyKind
{
    /// <summary>After the upstream task completed successfully.</summary>
    AfterOk = 0,

    /// <summary>After the upstream task ended, however it ended.</summary>
    AfterAny = 1,

    /// <summary>After the upstream task ended without success (failed, timed out, cancelled, upstream failed).</summary>
    AfterNotOk = 2,
}
