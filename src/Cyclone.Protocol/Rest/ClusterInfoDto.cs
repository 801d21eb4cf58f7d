namespace Cyclone.Protocol.Rest;

/// <summary>The cluster at a glance: agents, and jobs and tasks counted by state.</summary>
public sealed record ClusterInfoDto
{
    public string HubVersion { get; init; } = "";

    /// <summary>The hubs on the store: the active one first, then the standbys that reported lately (a hub on SQLite is alone).</summary>
    public IReadOnlyList<HubDto> Hubs { get; init; } = [];

    public IReadOnlyList<AgentDto> Agents { get; init; } = [];

    public IReadOnlyDictionary<string, long> JobsByState { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> TasksByState { get; init; } = new Dictionary<string, long>();
}
