namespace Cyclone.Protocol.Rest;

/// <summary>One entry of the audit trail: who called what, when, from where, and the answer's status.</summary>
public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, string? User, long? TokenId, string? Role, string Method, string Path, int Status, string? Remote, string? Detail);
