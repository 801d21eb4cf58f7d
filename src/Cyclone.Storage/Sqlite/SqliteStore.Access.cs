using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<bool> AddUserAsync(UserRecord user, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("""
                INSERT INTO users (name, is_admin, disabled, created_at, created_by) VALUES ($name, $admin, $disabled, $at, $by)
                ON CONFLICT (name) DO NOTHING;
                """)
            .With("$name", user.Name).With("$admin", user.IsAdmin ? 1 : 0).With("$disabled", user.Disabled ? 1 : 0)
            .With("$at", Ms(user.CreatedAt)).With("$by", user.CreatedBy).ExecuteNonQuery() > 0, ct);

    public Task<bool> UpdateUserAsync(string name, bool disabled, bool? isAdmin, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("UPDATE users SET disabled = $disabled, is_admin = coalesce($admin, is_admin) WHERE name = $name;")
            .With("$name", name).With("$disabled", disabled ? 1 : 0).With("$admin", isAdmin is { } a ? (a ? 1 : 0) : null)
            .ExecuteNonQuery() > 0, ct);

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct) =>
        ReadAsync("SELECT name, is_admin, disabled, created_at, created_by FROM users ORDER BY name;", _ => { },
            StoreRows.ReadUser, ct);

    public Task<TokenRecord> AddTokenAsync(TokenRecord token, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            var id = (long)c.Command("""
                    INSERT INTO tokens (user, name, role, lookup, hash, created_at, created_by, expires_at)
                    VALUES ($user, $name, $role, $lookup, $hash, $at, $by, $expires) RETURNING id;
                    """)
                .With("$user", token.User).With("$name", token.Name).With("$role", token.Role).With("$lookup", token.Lookup)
                .With("$hash", token.Hash).With("$at", Ms(token.CreatedAt)).With("$by", token.CreatedBy).With("$expires", Ms(token.ExpiresAt))
                .ExecuteScalar()!;
            return token with { Id = id };
        }, ct);

    public Task<bool> RevokeTokenAsync(long id, string by, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("UPDATE tokens SET revoked_at = $at, revoked_by = $by WHERE id = $id AND revoked_at IS NULL;")
            .With("$id", id).With("$at", Ms(at)).With("$by", by).ExecuteNonQuery() > 0, ct);

    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.TokenColumns} FROM tokens ORDER BY id;", _ => { }, StoreRows.ReadToken, ct);

    public Task AppendAuditAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            foreach (var e in entries)
            {
                c.Command("""
                        INSERT INTO audit (at, user, token_id, role, method, path, status, remote, detail)
                        VALUES ($at, $user, $token, $role, $method, $path, $status, $remote, $detail);
                        """)
                    .With("$at", Ms(e.At)).With("$user", e.User).With("$token", e.TokenId).With("$role", e.Role).With("$method", e.Method)
                    .With("$path", e.Path).With("$status", e.Status).With("$remote", e.Remote).With("$detail", e.Detail).ExecuteNonQuery();
            }

            return true;
        }, ct);

    public Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken ct) =>
        ReadAsync(
            $"""
            SELECT {StoreRows.AuditColumns} FROM audit
            WHERE ($user IS NULL OR user = $user) AND ($since IS NULL OR at >= $since) AND ($denied = 0 OR status IN (401, 403))
              AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit;
            """,
            c => c.With("$user", query.User).With("$since", Ms(query.Since)).With("$denied", query.DeniedOnly ? 1 : 0)
                .With("$before", query.BeforeId).With("$limit", query.Limit),
            StoreRows.ReadAudit,
            ct);
}
