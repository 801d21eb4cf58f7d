namespace Cyclone.Hub.Api.Agents;

/// <summary>How the hub samples agents' load for <c>GET /api/v1/agents/{name}/load</c>.</summary>
public sealed class AgentLoadHistoryOptions
{
    /// <summary>Time between samples. Default: 5 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Samples kept per agent (in memory only). Default: 120, ten minutes at the default interval.</summary>
    public int Samples { get; set; } = 120;
}
