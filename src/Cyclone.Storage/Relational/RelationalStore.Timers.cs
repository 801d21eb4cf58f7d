using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    public Task<long> AddTimerAsync(TimerRecord timer, CancellationToken ct) =>
        EnqueueAsync(c => Convert.ToInt64(c.Command("""
                INSERT INTO timers (kind, spec, action, target, data, "user", created_at, next_at, active)
                VALUES (@kind, @spec, @action, @target, CAST(@data AS text), @user, @created, CAST(@next AS bigint), true) RETURNING id;
                """)
            .With("kind", timer.Kind).With("spec", timer.Spec).With("action", timer.Action).With("target", timer.Target)
            .With("data", Db(timer.Data)).With("user", timer.User).With("created", Ms(timer.CreatedAt)).With("next", Ms(timer.NextAt))
            .ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), ct);

    public Task UpdateTimerAsync(long id, DateTimeOffset? nextAt, DateTimeOffset? lastAt, string? lastNote, int fired, bool active, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("""
                UPDATE timers SET next_at = CAST(@next AS bigint), last_at = CAST(@last AS bigint), last_note = CAST(@note AS text), fired = @fired, active = @active
                WHERE id = @id;
                """)
            .With("id", id).With("next", Ms(nextAt)).With("last", Ms(lastAt))
            .With("note", Db(lastNote)).With("fired", fired).With("active", active)
            .ExecuteNonQuery(), ct);

    public Task<IReadOnlyList<TimerRecord>> ListTimersAsync(bool activeOnly, CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.TimerColumns} FROM timers WHERE NOT @activeOnly OR active ORDER BY id;",
            c => c.With("activeOnly", activeOnly), StoreRows.ReadTimer, ct);
}
