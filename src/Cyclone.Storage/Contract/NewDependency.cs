using Cyclone.Core.Dependencies;

namespace Cyclone.Storage.Contract;

/// <summary>
/// A dependency of a task about to be stored: on the task at <see cref="UpstreamIndex"/> of the same job,
/// or on an existing task <see cref="UpstreamTaskId"/> (exactly one of them is set).
/// </summary>
public sealed record NewDependency(int? UpstreamIndex, long? UpstreamTaskId, DependencyKind Kind)
{
    public static NewDependency OnIndex(int index, DependencyKind kind) => new(index, null, kind);

    public static NewDependency OnTask(long taskId, DependencyKind kind) => new(null, taskId, kind);
}
