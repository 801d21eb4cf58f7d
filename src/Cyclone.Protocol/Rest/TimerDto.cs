namespace Cyclone.Protocol.Rest;

/// <summary>A timer: its schedule, action, next firing, and what its last firing did.</summary>
public sealed record TimerDto(
    long Id, string Kind, string Spec, string Action, string Target, string User, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAt, DateTimeOffset? LastAt, string? LastNote, int Fired, bool Active);
