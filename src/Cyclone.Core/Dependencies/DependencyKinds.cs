using Cyclone.Core.Tasks;

namespace Cyclone.Core.Dependencies;

/// <summary>The rules of dependency conditions and their wire names (<c>afterok</c>, <c>afterany</c>, <c>afternotok</c>).</summary>
public static class DependencyKinds
{
    /// <summary>Whether a dependency of this kind is met by an upstream task that ended in <paramref name="upstream"/>.</summary>
    public static bool IsMetBy(this DependencyKind kind, TaskState upstream) => kind switch
    {
        DependencyKind.AfterOk => upstream == TaskState.Completed,
        DependencyKind.AfterAny => upstream.IsFinal(),
        DependencyKind.AfterNotOk => upstream.IsFinal() && upstream != TaskState.Completed,
        _ => false,
    };

    /// <summary>The lower-case Slurm name, e.g. <c>afterok</c>.</summary>
    public static string ToWire(this DependencyKind kind) => kind switch
    {
        DependencyKind.AfterOk => "afterok",
        DependencyKind.AfterAny => "afterany",
        DependencyKind.AfterNotOk => "afternotok",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses <c>afterok</c>, <c>afterany</c> or <c>afternotok</c> (case-insensitive).</summary>
    public static bool TryParseWire(string? text, out DependencyKind kind)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "AFTEROK":
                kind = DependencyKind.AfterOk;
                return true;
            case "AFTERANY":
                kind = DependencyKind.AfterAny;
                return true;
            case "AFTERNOTOK":
                kind = DependencyKind.AfterNotOk;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
