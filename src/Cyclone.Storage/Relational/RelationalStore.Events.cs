using System.Text.Json;
using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    public Task<long> RecordEventAsync(string name, string data, string user, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => Convert.ToInt64(c.Command("""INSERT INTO events (name, data, "user", at) VALUES (@name, @data, @user, @at) RETURNING id;""")
            .With("name", name).With("data", data).With("user", user).With("at", Ms(at)).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), ct);

    public Task CompleteEventAsync(long id, int delivered, IReadOnlyList<long> startedRuns, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("UPDATE events SET delivered = @delivered, started_runs = @runs WHERE id = @id;")
            .With("id", id).With("delivered", delivered).With("runs", JsonSerializer.Serialize(startedRuns, Json)).ExecuteNonQuery(), ct);

    public Task<IReadOnlyList<EventRecord>> ListEventsAsync(string? name, int limit, CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.EventColumns} FROM events WHERE CAST(@name AS text) IS NULL OR name = CAST(@name AS text) ORDER BY id DESC LIMIT @limit;",
            c => c.With("name", name).With("limit", limit), StoreRows.ReadEvent, ct);

    public Task<IReadOnlyList<EventRecord>> LatestEventsAsync(CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.EventColumns} FROM events WHERE id IN (SELECT max(id) FROM events GROUP BY name) ORDER BY id;",
            NoParameters, StoreRows.ReadEvent, ct);

    public Task SetTriggersAsync(string workflow, IReadOnlyList<string> events, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            c.Command("DELETE FROM workflow_triggers WHERE workflow = @workflow;").With("workflow", workflow).ExecuteNonQuery();
            foreach (var e in events.Distinct(StringComparer.Ordinal))
            {
                c.Command("INSERT INTO workflow_triggers (event, workflow) VALUES (@event, @workflow);")
                    .With("event", e).With("workflow", workflow).ExecuteNonQuery();
            }

            return true;
        }, ct);

    public Task<IReadOnlyList<(string Event, string Workflow)>> ListTriggersAsync(string? eventName, CancellationToken ct) =>
        ReadAsync("SELECT event, workflow FROM workflow_triggers WHERE CAST(@event AS text) IS NULL OR event = CAST(@event AS text) ORDER BY event, workflow;",
            c => c.With("event", eventName), r => (r.GetString(0), r.GetString(1)), ct);

    public Task SetNodeKindAsync(string kind, string specJson, string user, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("""
                INSERT INTO node_kinds (kind, spec, "user", updated_at) VALUES (@kind, @spec, @user, @at)
                ON CONFLICT (kind) DO UPDATE SET spec = excluded.spec, "user" = excluded."user", updated_at = excluded.updated_at;
                """)
            .With("kind", kind).With("spec", specJson).With("user", user).With("at", Ms(at)).ExecuteNonQuery(), ct);

    public Task<bool> DeleteNodeKindAsync(string kind, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("DELETE FROM node_kinds WHERE kind = @kind;").With("kind", kind).ExecuteNonQuery() > 0, ct);

    public Task<IReadOnlyList<(string Kind, string Spec)>> ListNodeKindsAsync(CancellationToken ct) =>
        ReadAsync("SELECT kind, spec FROM node_kinds ORDER BY kind;", NoParameters, r => (r.GetString(0), r.GetString(1)), ct);
}
