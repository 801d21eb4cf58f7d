using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Workflows.Versions;

/// <summary>
/// Brings a hub's workflow repository up to the changes recorded in the store when the hub becomes active: the store is where
/// every change is first made durable, so a standby that takes over (or a hub whose repository fell behind in a crash) replays
/// what it lacks and ends with the same commits. A repository made before the store kept changes is recorded into the store
/// once; one whose history is not the store's (say, another installation's) is moved aside and rebuilt from the store.
/// </summary>
public sealed partial class WorkflowHistorySync(WorkflowRepository repository, IStore store, TimeProvider time, ILogger<WorkflowHistorySync> logger)
{
    private const int Page = 500;

    public async Task SyncAsync(CancellationToken ct)
    {
        var changes = new List<WorkflowChangeRecord>();
        for (var after = 0L; ;)
        {
            var page = await store.ReadWorkflowChangesAsync(after, Page, ct);
            changes.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Seq;
        }

        var chain = repository.Chain();
        if (changes.Count == 0)
        {
            foreach (var sha in chain)
            {
                await store.AppendWorkflowChangeAsync(repository.Describe(sha), ct);
            }

            if (chain.Count > 0)
            {
                LogRecorded(chain.Count);
            }

            return;
        }

        if (chain.Count > changes.Count || (chain.Count > 0 && chain[^1] != changes[chain.Count - 1].Commit))
        {
            LogDiverged(repository.Reset(time.GetUtcNow()));
            chain = [];
        }

        for (var i = chain.Count; i < changes.Count; i++)
        {
            var made = repository.Replay(changes[i]);
            if (made != changes[i].Commit)
            {
                LogDifferentCommit(changes[i].Seq, changes[i].Commit, made);
            }
        }

        if (changes.Count > chain.Count)
        {
            LogReplayed(changes.Count - chain.Count);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Recorded the workflow repository's {Count} commits in the store")]
    private partial void LogRecorded(int count);

    [LoggerMessage(2, LogLevel.Warning, "The workflow repository's history is not the store's; moved it aside to {Aside} and rebuilt it from the store")]
    private partial void LogDiverged(string aside);

    [LoggerMessage(3, LogLevel.Information, "Replayed {Count} workflow changes from the store into the workflow repository")]
    private partial void LogReplayed(int count);

    [LoggerMessage(4, LogLevel.Warning, "Workflow change {Seq} made commit {Made}, not {Recorded} as recorded")]
    private partial void LogDifferentCommit(long seq, string recorded, string made);
}
