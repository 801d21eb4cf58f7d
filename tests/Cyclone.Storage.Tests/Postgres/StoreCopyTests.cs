using System.Text;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Migration;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Sqlite;
using Cyclone.Storage.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Storage.Tests.Postgres;

/// <summary><c>cyclone hub migrate-store</c>: a SQLite installation moves to PostgreSQL with all its history.</summary>
[Collection(PostgresCollection.Name)]
[NeedsPostgres]
public sealed class StoreCopyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = Jobs.T0;
    private readonly PostgresFixture _postgres;
    private readonly string _sqlite = Directory.CreateTempSubdirectory("cyclone-migrate-").FullName;
    private string _database = "";

    public StoreCopyTests(PostgresFixture postgres) => _postgres = postgres;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _database = await _postgres.Server.CreateDatabaseAsync(Ct);

    public async Task DisposeAsync()
    {
        await _postgres.Server.DropDatabaseAsync(_database, Ct);
        Directory.Delete(_sqlite, recursive: true);
    }

    [StoreFact]
    public async Task Every_table_moves_with_its_ids_and_new_ids_continue_after_them()
    {
        SubmittedJob job;
        await using (var sqlite = new SqliteStore(new StoreOptions { DataDirectory = _sqlite }, NullLogger<SqliteStore>.Instance))
        {
            await sqlite.InitializeAsync(Ct);
            job = await FillAsync(sqlite);
        }

        var lines = new List<string>();
        var copied = await StoreCopy.CopyAsync(_sqlite, _database, lines.Add, Ct);

        Assert.Equal(3, copied["tasks"]);
        Assert.Contains("tasks: 3 rows", lines);
        await using var pg = new PostgresStore(_database, new StoreOptions(), NullLogger<PostgresStore>.Instance);
        await pg.InitializeAsync(Ct);
        await using var again = new SqliteStore(new StoreOptions { DataDirectory = _sqlite }, NullLogger<SqliteStore>.Instance);
        await again.InitializeAsync(Ct);
        Assert.Equal(await SnapshotAsync(again, job), await SnapshotAsync(pg, job));

        var next = (await pg.SubmitAsync([Jobs.Of("next", "alice", 2)], Ct))[0];
        Assert.True(next.JobId > job.JobId && next.TaskIds[0] > job.TaskIds[^1]);
        Assert.True(await pg.RecordEventAsync("go", "{}", "alice", T0, Ct) > 1);
    }

    [StoreFact]
    public async Task A_database_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        await using (var sqlite = new SqliteStore(new StoreOptions { DataDirectory = _sqlite }, NullLogger<SqliteStore>.Instance))
        {
            await sqlite.InitializeAsync(Ct);
            await FillAsync(sqlite);
        }

        await using (var pg = new PostgresStore(_database, new StoreOptions(), NullLogger<PostgresStore>.Instance))
        {
            await pg.InitializeAsync(Ct);
            await pg.SubmitAsync([Jobs.Single("already-here")], Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StoreCopy.CopyAsync(_sqlite, _database, _ => { }, Ct));
        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
    }

    private static async Task<SubmittedJob> FillAsync(SqliteStore store)
    {
        var graph = new NewJob("graph", "alice", "{}", T0,
            [Jobs.Task(0), Jobs.Task(1) with { Dependencies = [NewDependency.OnIndex(0, DependencyKind.AfterOk)] }, Jobs.Task(2)]);
        var job = (await store.SubmitAsync([graph], Ct))[0];
        await store.ApplyAsync([new TaskTransition(job.TaskIds[0], job.JobId, TaskState.Running, 1, 0, T0, Agents: ["n1"])], Ct);
        await store.ApplyAsync([new TaskTransition(job.TaskIds[0], job.JobId, TaskState.Completed, 1, 0, T0.AddSeconds(3), 0, Outputs: """{"x":1}""")], Ct);
        await store.AppendOutputAsync([new OutputAppend(job.TaskIds[0], 1, 0, 0, Encoding.UTF8.GetBytes("hello\n"))], Ct);
        await store.UpsertAgentsAsync([new AgentRecord("n1", "h1", 4, 4, 1L << 30, 0, ["x"], "UP", T0, T0)], Ct);
        await store.CompleteEventAsync(await store.RecordEventAsync("go", "{\"n\":1}", "alice", T0, Ct), 1, [job.JobId], Ct);
        await store.SetTriggersAsync("wf", ["go"], Ct);
        await store.AddTimerAsync(new TimerRecord(0, "every", "1h", "event", "go", null, "alice", T0, T0.AddHours(1), null, null, 0, true), Ct);
        await store.SetNodeKindAsync("k", "{}", "alice", T0, Ct);
        await store.AddUserAsync(new UserRecord("alice", true, false, T0, "hub"), Ct);
        await store.AddTokenAsync(new TokenRecord(0, "alice", "t", "user", "cyc_abc", [1, 2, 3], T0, "hub", null, null, null), Ct);
        await store.AppendAuditAsync([new AuditRecord(0, T0, "alice", 1, "user", "GET", "/api/v1/jobs", 200, "127.0.0.1", null)], Ct);
        return job;
    }

    /// <summary>Everything the store answers about what <see cref="FillAsync"/> wrote, as text to compare.</summary>
    private static async Task<string> SnapshotAsync(RelationalStore store, SubmittedJob job)
    {
        var active = new List<ActiveTaskRecord>();
        await foreach (var t in store.LoadActiveTasksAsync(Ct))
        {
            active.Add(t);
        }

        var parts = new object[]
        {
            (await store.GetJobAsync(job.JobId, Ct))!,
            string.Join(";", await store.GetTasksOfJobAsync(job.JobId, Ct)),
            string.Join(";", active.Select(a => $"{a.Id} {a.State} {string.Join(",", a.Dependencies)}")),
            string.Join(";", (await store.ReadOutputAsync(job.JobId, null, null, 0, 10, Ct)).Select(c => $"{c.Seq} {Encoding.UTF8.GetString(c.Data)}")),
            string.Join(";", await store.ListAgentsAsync(Ct)),
            string.Join(";", (await store.ListEventsAsync(null, 10, Ct)).Select(e => $"{e.Id} {e.Name} {e.Delivered} {string.Join(",", e.StartedRuns)}")),
            string.Join(";", await store.ListTriggersAsync(null, Ct)),
            string.Join(";", await store.ListTimersAsync(false, Ct)),
            string.Join(";", await store.ListNodeKindsAsync(Ct)),
            string.Join(";", await store.ListUsersAsync(Ct)),
            string.Join(";", (await store.ListTokensAsync(Ct)).Select(t => $"{t.Id} {t.User} {t.Lookup} {Convert.ToHexString(t.Hash)}")),
            string.Join(";", await store.QueryAuditAsync(new AuditQuery(null, null, false, null, 10), Ct)),
            string.Join(";", (await store.CountTasksByStateAsync(Ct)).OrderBy(p => p.Key)),
        };
        return string.Join("\n", parts);
    }
}
