namespace Cyclone.Protocol.Rest;

/// <summary>
/// The <c>jobs</c> event of <c>GET /api/v1/stream</c>: jobs whose tasks changed state in the interval. When
/// <see cref="All"/> is true there were too many to list: reload whatever jobs are shown.
/// </summary>
public sealed record StreamJobsDto
{
    public long Seq { get; init; }

    public IReadOnlyList<long> Ids { get; init; } = [];

    public bool All { get; init; }
}
