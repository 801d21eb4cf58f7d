namespace Cyclone.Storage.Contract;

/// <summary>
/// Users, tokens and the audit trail. Writes return once durable, like every <see cref="IStore"/> write.
/// </summary>
public interface IAccessStore
{
    /// <summary>Adds a user; false when the name is taken.</summary>
    Task<bool> AddUserAsync(UserRecord user, CancellationToken ct);

    /// <summary>Sets whether a user is disabled (and, when given, an administrator); false when there is no such user.</summary>
    Task<bool> UpdateUserAsync(string name, bool disabled, bool? isAdmin, CancellationToken ct);

    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct);

    /// <summary>Stores a token (its id is assigned) and answers it with the id.</summary>
    Task<TokenRecord> AddTokenAsync(TokenRecord token, CancellationToken ct);

    /// <summary>Marks a token revoked; false when there is no such token or it was revoked already.</summary>
    Task<bool> RevokeTokenAsync(long id, string by, DateTimeOffset at, CancellationToken ct);

    /// <summary>Every token, revoked and expired ones too, oldest first.</summary>
    Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken ct);

    /// <summary>Appends entries to the audit trail.</summary>
    Task AppendAuditAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct);

    /// <summary>Audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken ct);
}
