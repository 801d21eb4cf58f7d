using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    public Task<bool> AddUserAsync(UserRecord user, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("""
                INSERT INTO users (name, is_admin, disabled, created_at, created_by) VALUES (@name, @admin, @disabled, @at, @by)
                ON CONFLICT (name) DO NOTHING;
                """)
            .With("name", user.Name).With("admin", user.IsAdmin).With("disabled", user.Disabled)
            .With("at", Ms(user.CreatedAt)).With("by", user.CreatedBy).ExecuteNonQuery() > 0, ct);

    public Task<bool> UpdateUserAsync(string name, bool disabled, bool? isAdmin, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("UPDATE users SET disabled = @disabled, is_admin = coalesce(CAST(@admin AS boolean), is_admin) WHERE name = @name;")
            .With("name", name).With("disabled", disabled).With("admin", Db(isAdmin))
            .ExecuteNonQuery() > 0, ct);

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct) =>
        ReadAsync("SELECT name, is_admin, disabled, created_at, created_by FROM users ORDER BY name;", NoParameters, StoreRows.ReadUser, ct);

    public Task<TokenRecord> AddTokenAsync(TokenRecord token, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            var id = Convert.ToInt64(c.Command("""
                    INSERT INTO tokens ("user", name, role, lookup, hash, created_at, created_by, expires_at)
                    VALUES (@user, @name, @role, @lookup, @hash, @at, @by, CAST(@expires AS bigint)) RETURNING id;
                    """)
                .With("user", token.User).With("name", token.Name).With("role", token.Role).With("lookup", token.Lookup)
                .With("hash", token.Hash).With("at", Ms(token.CreatedAt)).With("by", token.CreatedBy).With("expires", Ms(token.ExpiresAt))
                .ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return token with { Id = id };
        }, ct);

    public Task<bool> RevokeTokenAsync(long id, string by, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("UPDATE tokens SET revoked_at = @at, revoked_by = @by WHERE id = @id AND revoked_at IS NULL;")
            .With("id", id).With("at", Ms(at)).With("by", by).ExecuteNonQuery() > 0, ct);

    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.TokenColumns} FROM tokens ORDER BY id;", NoParameters, StoreRows.ReadToken, ct);

    public Task AppendAuditAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            foreach (var e in entries)
            {
                c.Command("""
                        INSERT INTO audit (at, "user", token_id, role, method, path, status, remote, detail)
                        VALUES (@at, CAST(@user AS text), CAST(@token AS bigint), CAST(@role AS text), @method, @path, @status, CAST(@remote AS text), CAST(@detail AS text));
                        """)
                    .With("at", Ms(e.At)).With("user", e.User).With("token", e.TokenId).With("role", e.Role).With("method", e.Method)
                    .With("path", e.Path).With("status", e.Status).With("remote", e.Remote).With("detail", e.Detail).ExecuteNonQuery();
            }

            return true;
        }, ct);

    public Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken ct) =>
        ReadAsync(
            $"""
            SELECT {StoreRows.AuditColumns} FROM audit
            WHERE (CAST(@user AS text) IS NULL OR "user" = CAST(@user AS text)) AND (CAST(@since AS bigint) IS NULL OR at >= CAST(@since AS bigint))
              AND (NOT @denied OR status IN (401, 403)) AND (CAST(@before AS bigint) IS NULL OR id < CAST(@before AS bigint))
            ORDER BY id DESC LIMIT @limit;
            """,
            c => c.With("user", query.User).With("since", Ms(query.Since)).With("denied", query.DeniedOnly)
                .With("before", query.BeforeId).With("limit", query.Limit),
            StoreRows.ReadAudit,
            ct);
}
