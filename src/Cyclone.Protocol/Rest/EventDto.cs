using System.Text.Json.Nodes;

namespace Cyclone.Protocol.Rest;

/// <summary>One recorded event and what it did.</summary>
public sealed record EventDto(long Id, string Name, JsonNode? Data, string User, DateTimeOffset At, int Delivered, IReadOnlyList<long> StartedRuns);
