namespace Cyclone.Core.Dependencies;

/// <summary>One dependency of a task: it may start after task <see cref="UpstreamId"/> ends as <see cref="Kind"/> says.</summary>
public readonly record struct TaskDependency(long UpstreamId, DependencyKind Kind);
