using Cyclone.Core.Dependencies;

namespace Cyclone.Core.Workflows;

/// <summary>
/// An edge of a workflow. An ordering edge (<see cref="FromOutput"/> and <see cref="ToInput"/> null)
/// lets <see cref="To"/> start after <see cref="From"/> ends as <see cref="Condition"/> says. A data
/// edge also carries output <see cref="FromOutput"/> of <see cref="From"/> into input
/// <see cref="ToInput"/> of <see cref="To"/>; its condition is always <see cref="DependencyKind.AfterOk"/>.
/// </summary>
public sealed record WorkflowEdge(
    string From, string To, DependencyKind Condition = DependencyKind.AfterOk, string? FromOutput = null, string? ToInput = null)
{
    public bool CarriesData => FromOutput is not null && ToInput is not null;

    /// <summary>Where the edge came from in the source file (e.g. <c>edges[3]</c> or <c>connection.0</c>), for messages.</summary>
    public string Where { get; init; } = "";
}
