namespace Cyclone.Protocol.Rest;

/// <summary>Recent events and who waits for what: tasks waiting for an event, and workflows an event starts.</summary>
public sealed record EventsStatusDto(
    IReadOnlyList<EventDto> Recent, IReadOnlyDictionary<string, IReadOnlyList<long>> WaitingTasks, IReadOnlyDictionary<string, IReadOnlyList<string>> Triggers);
