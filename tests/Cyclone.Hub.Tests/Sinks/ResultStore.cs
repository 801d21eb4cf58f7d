using System.Text.Json.Nodes;
using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Hub.Tests.Sinks;

/// <summary>A real SQLite store in a temp directory, with jobs whose tasks complete carrying result sets, as the scheduler stores them.</summary>
internal sealed class ResultStore : IAsyncDisposable
{
    private readonly string _dir;

    private ResultStore(SqliteStore store, string dir)
    {
        Store = store;
        _dir = dir;
    }

    public SqliteStore Store { get; }

    public static async Task<ResultStore> OpenAsync()
    {
        var dir = Directory.CreateTempSubdirectory("cyclone-sink-test-").FullName;
        var store = new SqliteStore(new StoreOptions { DataDirectory = dir }, NullLogger<SqliteStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return new ResultStore(store, dir);
    }

    /// <summary>Submits a job of <paramref name="tasks"/> tasks and answers its id and theirs.</summary>
    public async Task<SubmittedJob> SubmitAsync(int tasks)
    {
        var job = new NewJob("results", "alice", "{}", DateTimeOffset.UnixEpoch, Enumerable.Range(0, tasks)
            .Select(i => new NewTask(i, "results", new NodeDemand(1, 0, 0, []), 1, 0, 0, null, new TaskPayload { Command = ["true"], ProcsPerNode = 1, User = "alice" }))
            .ToList());
        var submitted = await Store.SubmitAsync([job], CancellationToken.None);
        return submitted[0];
    }

    /// <summary>Completes attempt <paramref name="attempt"/> of each task with the results <paramref name="results"/> makes for it (sink → items).</summary>
    public Task CompleteAsync(long jobId, IEnumerable<long> taskIds, int attempt, Func<long, JsonObject> results, string agent = "agent-1")
    {
        var transitions = taskIds.Select(id =>
        {
            var outputs = new JsonObject { ["$results"] = results(id) }.ToJsonString();
            var running = new TaskTransition(id, jobId, TaskState.Running, attempt, 0, DateTimeOffset.UnixEpoch, Agents: [agent], Previous: TaskState.Pending);
            var done = new TaskTransition(id, jobId, TaskState.Completed, attempt, 0, DateTimeOffset.UnixEpoch, ExitCode: 0, Outputs: outputs, Previous: TaskState.Running);
            return (running, done: Hub.Sinks.ResultSplitter.Split(done, out _) with { Agents = [agent] });
        }).ToList();
        return Store.ApplyAsync([.. transitions.Select(t => t.running), .. transitions.Select(t => t.done)], CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
