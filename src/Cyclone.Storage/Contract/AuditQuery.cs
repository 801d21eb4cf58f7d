namespace Cyclone.Storage.Contract;

/// <summary>Which audit entries to read: of one user, since a time, denied calls only; newest first, before entry <see cref="BeforeId"/>.</summary>
public sealed record AuditQuery(string? User, DateTimeOffset? Since, bool DeniedOnly, long? BeforeId, int Limit);
