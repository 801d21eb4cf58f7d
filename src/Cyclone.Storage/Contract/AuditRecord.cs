namespace Cyclone.Storage.Contract;

/// <summary>One entry of the audit trail: who (user, token, role; null when unknown) called what, from where, and the answer's status.</summary>
public sealed record AuditRecord(
    long Id, DateTimeOffset At, string? User, long? TokenId, string? Role, string Method, string Path, int Status, string? Remote, string? Detail);
