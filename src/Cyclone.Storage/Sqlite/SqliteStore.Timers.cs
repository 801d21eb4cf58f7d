using Cyclone.Storage.Contract;
using Microsoft.Data.Sqlite;
using static Cyclone.Storage.Sqlite.SqliteValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string TimerColumns =
        "id, kind, spec, action, target, data, user, created_at, next_at, last_at, last_note, fired, active";

    public Task<long> AddTimerAsync(TimerRecord timer, CancellationToken ct) =>
        EnqueueAsync(c => (long)c.Command("""
                INSERT INTO timers (kind, spec, action, target, data, user, created_at, next_at, active)
                VALUES ($kind, $spec, $action, $target, $data, $user, $created, $next, 1) RETURNING id;
                """)
            .With("$kind", timer.Kind).With("$spec", timer.Spec).With("$action", timer.Action).With("$target", timer.Target)
            .With("$data", Db(timer.Data)).With("$user", timer.User).With("$created", Ms(timer.CreatedAt))
            .With("$next", timer.NextAt is { } n ? Ms(n) : DBNull.Value)
            .ExecuteScalar()!, ct);

    public Task UpdateTimerAsync(long id, DateTimeOffset? nextAt, DateTimeOffset? lastAt, string? lastNote, int fired, bool active, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("""
                UPDATE timers SET next_at = $next, last_at = $last, last_note = $note, fired = $fired, active = $active WHERE id = $id;
                """)
            .With("$id", id).With("$next", nextAt is { } n ? Ms(n) : DBNull.Value).With("$last", lastAt is { } l ? Ms(l) : DBNull.Value)
            .With("$note", Db(lastNote)).With("$fired", fired).With("$active", active ? 1 : 0)
            .ExecuteNonQuery(), ct);

    public Task<IReadOnlyList<TimerRecord>> ListTimersAsync(bool activeOnly, CancellationToken ct) =>
        ReadAsync($"SELECT {TimerColumns} FROM timers WHERE $all OR active = 1 ORDER BY id;",
            c => c.With("$all", activeOnly ? 0 : 1), ReadTimer, ct);

    private static TimerRecord ReadTimer(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), TextOrNull(r, 5), r.GetString(6),
        At(r, 7), AtOrNull(r, 8), AtOrNull(r, 9), TextOrNull(r, 10), r.GetInt32(11), r.GetInt32(12) != 0);
}
