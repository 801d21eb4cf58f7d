using System.Text.Json;
using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<long> RecordEventAsync(string name, string data, string user, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => (long)c.Command("INSERT INTO events (name, data, user, at) VALUES ($name, $data, $user, $at) RETURNING id;")
            .With("$name", name).With("$data", data).With("$user", user).With("$at", Ms(at)).ExecuteScalar()!, ct);

    public Task CompleteEventAsync(long id, int delivered, IReadOnlyList<long> startedRuns, CancellationToken ct) =>
        EnqueueAsync(c => c.Command("UPDATE events SET delivered = $delivered, started_runs = $runs WHERE id = $id;")
            .With("$id", id).With("$delivered", delivered).With("$runs", JsonSerializer.Serialize(startedRuns, Json)).ExecuteNonQuery(), ct);

    public Task<IReadOnlyList<EventRecord>> ListEventsAsync(string? name, int limit, CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.EventColumns} FROM events WHERE $name IS NULL OR name = $name ORDER BY id DESC LIMIT $limit;",
            c => c.With("$name", name).With("$limit", limit), StoreRows.ReadEvent, ct);

    public Task<IReadOnlyList<EventRecord>> LatestEventsAsync(CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.EventColumns} FROM events WHERE id IN (SELECT max(id) FROM events GROUP BY name) ORDER BY id;", _ => { }, StoreRows.ReadEvent, ct);

    public Task SetTriggersAsync(string workflow, IReadOnlyList<string> events, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            c.Command("DELETE FROM workflow_triggers WHERE workflow = $workflow;").With("$workflow", workflow).ExecuteNonQuery();
            foreach (var e in events.Distinct(StringComparer.Ordinal))
            {
                c.Command("INSERT INTO workflow_triggers (event, workflow) VALUES ($event, $workflow);")
                    .With("$event", e).With("$workflow", workflow).ExecuteNonQuery();
            }

            return true;
        }, ct);

    public Task<IReadOnlyList<(string Event, string Workflow)>> ListTriggersAsync(string? eventName, CancellationToken ct) =>
        ReadAsync("SELECT event, workflow FROM workflow_triggers WHERE $event IS NULL OR event = $event ORDER BY event, workflow;",
            c => c.With("$event", eventName), r => (r.GetString(0), r.GetString(1)), ct);
}
