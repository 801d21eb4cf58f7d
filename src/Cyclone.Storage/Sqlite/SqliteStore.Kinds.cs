using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task SetNodeKindAsync(string kind, string specJson, string user, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("""
                INSERT INTO node_kinds (kind, spec, user, updated_at) VALUES ($kind, $spec, $user, $at)
                ON CONFLICT (kind) DO UPDATE SET spec = excluded.spec, user = excluded.user, updated_at = excluded.updated_at;
                """)
            .With("$kind", kind).With("$spec", specJson).With("$user", user).With("$at", Ms(at)).ExecuteNonQuery(), ct);

    public Task<bool> DeleteNodeKindAsync(string kind, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("DELETE FROM node_kinds WHERE kind = $kind;").With("$kind", kind).ExecuteNonQuery() > 0, ct);

    public Task<IReadOnlyList<(string Kind, string Spec)>> ListNodeKindsAsync(CancellationToken ct) =>
        ReadAsync("SELECT kind, spec FROM node_kinds ORDER BY kind;", _ => { }, r => (r.GetString(0), r.GetString(1)), ct);
}
