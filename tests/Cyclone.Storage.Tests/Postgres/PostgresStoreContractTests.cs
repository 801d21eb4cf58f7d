using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cyclone.Storage.Tests.Postgres;

/// <summary>The store contract against a real PostgreSQL server: a new database for each test.</summary>
[Collection(PostgresCollection.Name)]
[NeedsPostgres]
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private readonly PostgresFixture _postgres;
    private string _database = "";

    public PostgresStoreContractTests(PostgresFixture postgres) => _postgres = postgres;

    public override async Task InitializeAsync() => _database = await _postgres.Server.CreateDatabaseAsync(Ct);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.Server.DropDatabaseAsync(_database, Ct);
    }

    protected override IStore Create(StoreOptions options) => new PostgresStore(_database, options, NullLogger<PostgresStore>.Instance);

    [StoreFact]
    public async Task A_database_from_a_newer_version_is_refused_with_a_clear_error()
    {
        await (await OpenAsync()).DisposeAsync();
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("UPDATE cyclone_schema SET version = 999;", connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using var newer = Create(Options);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task A_large_job_is_stored_with_consecutive_task_ids_in_index_order()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("big", "alice", 5000)], Ct))[0];

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => job.TaskIds[0] + i), job.TaskIds);
        var tasks = await store.GetTasksOfJobAsync(job.JobId, Ct);
        Assert.Equal(job.TaskIds, tasks.Select(t => t.Id));
        Assert.Equal(5000L, (await store.CountTasksByStateAsync(Ct))[Cyclone.Core.Tasks.TaskState.Pending]);
    }

    [StoreFact]
    public async Task A_transition_written_again_after_a_commit_that_did_happen_moves_the_task_between_states_once()
    {
        // the scheduler retries a write whose commit outcome it never heard (the connection died after COMMIT was sent)
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("twice", "bob", 2)], Ct))[0];
        var running = new Cyclone.Core.Scheduling.TaskTransition(
            job.TaskIds[0], job.JobId, Cyclone.Core.Tasks.TaskState.Running, 1, 0, Jobs.T0, Agents: ["a"], Previous: Cyclone.Core.Tasks.TaskState.Pending);

        await store.ApplyAsync([running], Ct);
        await store.ApplyAsync([running], Ct);
        await store.ApplyAsync([Ended(job, 0, Cyclone.Core.Tasks.TaskState.Completed, 1, Jobs.T0.AddSeconds(1), 0) with { Previous = Cyclone.Core.Tasks.TaskState.Running }], Ct);

        Assert.Equal(Cyclone.Core.Tasks.TaskState.Pending, (await store.GetJobAsync(job.JobId, Ct))!.State); // one task done, one still to run
    }
}
