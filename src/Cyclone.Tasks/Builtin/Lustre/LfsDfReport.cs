namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// One file system's block of <c>lfs df</c> output: its mount point, what its figures count (space in bytes or
/// inodes), its targets in the order printed, and its summary line (null when the output ended before it).
/// </summary>
public sealed record LfsDfReport(string MountPoint, bool Inodes, IReadOnlyList<LfsTarget> Targets, LfsUsage? Summary)
{
    public IEnumerable<LfsTarget> Osts => Targets.Where(t => t.IsOst);

    public IEnumerable<LfsTarget> Mdts => Targets.Where(t => !t.IsOst);
}
