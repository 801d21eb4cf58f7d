using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
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
        ReadAsync($"SELECT {StoreRows.TimerColumns} FROM timers WHERE $all OR active = 1 ORDER BY id;",
            c => c.With("$all", activeOnly ? 0 : 1), StoreRows.ReadTimer, ct);
}
