namespace Cyclone.Protocol.Rest;

/// <summary>The hub at a glance: version, uptime, agents, work by state, workflows and timers.</summary>
public sealed record HubStatusDto(
    string Version, DateTimeOffset StartedAt, double UptimeSeconds, int AgentsUp, int AgentsKnown,
    IReadOnlyDictionary<string, long> Jobs, IReadOnlyDictionary<string, long> Tasks, int Workflows, int ActiveTimers, string DataDirectory);
