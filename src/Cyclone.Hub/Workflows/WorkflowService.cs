using System.Text.Json.Nodes;
using Cyclone.Core.Tasks;
using Cyclone.Core.Workflows;
using Cyclone.Core.Workflows.Nodeworks;
using Cyclone.Core.Workflows.TaskFile;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Workflows.Versions;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Workflows;

/// <summary>
/// Workflows as users see them: publish (validated, then committed to the workflow repository),
/// read any version, list history, delete, and run a version as a job that records its commit.
/// </summary>
public sealed class WorkflowService(
    WorkflowRepository repository, WorkflowParser parser, INodeKindCatalog catalog, SchedulerLoop loop, IStore store, TimeProvider time) : IDisposable
{
    private readonly ParsedWorkflowCache _parsed = new();
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Validates and stores a new version; nothing is stored when the workflow is not valid.</summary>
    public async Task<WorkflowVersion> PublishAsync(
        string name, string? format, string? fileName, byte[] content, string author, string? message, CancellationToken ct)
    {
        CheckName(name);
        var resolved = WorkflowFormats.Resolve(format, fileName, content)
            ?? throw new WorkflowInvalidException("Unknown format", [new WorkflowProblem("format", $"'{format}' is not a workflow format; use native or nodeworks")]);
        var definition = parser.Parse(name, resolved, content);
        var version = await CommitAsync(
            () => repository.PreparePublish(name, resolved, content, author, string.IsNullOrWhiteSpace(message) ? $"publish {name}" : message.Trim(), time.GetUtcNow()), ct)
            ?? throw new InvalidOperationException("a publish always makes a commit");
        _parsed.Add(version.Commit, definition);
        await store.SetTriggersAsync(name, definition.TriggerEvents, ct);
        return version;
    }

    public StoredWorkflow Get(string name, string? revision)
    {
        CheckName(name);
        return repository.Get(name, string.IsNullOrWhiteSpace(revision) ? null : revision.Trim())
            ?? throw new KeyNotFoundException(revision is null ? $"there is no workflow '{name}'" : $"workflow '{name}' does not exist at revision {revision}");
    }

    public IReadOnlyList<WorkflowVersion> History(string name, int limit)
    {
        CheckName(name);
        return repository.History(name, limit);
    }

    public IReadOnlyList<string> List() => repository.List();

    /// <summary>Who created the workflow as it now exists (the author of its first version since it was last deleted); null when there is none.</summary>
    public string? OwnerOf(string name)
    {
        CheckName(name);
        if (!repository.List().Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        return repository.History(name, int.MaxValue).TakeWhile(v => !v.Deleted).LastOrDefault()?.Author;
    }

    public async Task<WorkflowVersion> DeleteAsync(string name, string author, CancellationToken ct)
    {
        CheckName(name);
        var version = await CommitAsync(() => repository.PrepareDelete(name, author, $"delete {name}", time.GetUtcNow()), ct)
            ?? throw new KeyNotFoundException($"there is no workflow '{name}'");
        await store.SetTriggersAsync(name, [], ct);
        return version;
    }

    /// <summary>Runs a stored version (the newest when <paramref name="revision"/> is null) as a job that records the commit.</summary>
    public async Task<(long JobId, string Commit)> ExecuteAsync(string name, string? revision, string user, CancellationToken ct)
    {
        var stored = Get(name, revision);
        var definition = _parsed.Find(stored.Commit, name) ?? parser.Parse(name, stored.Format, stored.Content);
        _parsed.Add(stored.Commit, definition);
        var job = WorkflowCompiler.Compile(definition, catalog, user, stored.Commit, time.GetUtcNow());
        var submitted = await loop.SubmitAsync(job, ct);
        return (submitted.JobId, stored.Commit);
    }

    /// <summary>Runs a plain task file (one task per line) at once, without keeping it as a version.</summary>
    /// <summary>Validates a workflow file and runs it once, without storing a version; answers the run's job id once durable.</summary>
    public async Task<long> SubmitFileAsync(string name, string? format, byte[] content, string user, CancellationToken ct)
    {
        var resolved = WorkflowFormats.Resolve(format, null, content)
            ?? throw new WorkflowInvalidException("Unknown format", [new WorkflowProblem("format", $"'{format}' is not a workflow format; use native or nodeworks")]);
        var definition = parser.Parse(name, resolved, content);
        var job = WorkflowCompiler.Compile(definition, catalog, user, commit: null, time.GetUtcNow());
        return (await loop.SubmitAsync(job, ct)).JobId;
    }

    public async Task<long> SubmitTaskFileAsync(string name, string text, string user, CancellationToken ct)
    {
        var definition = parser.Check(TaskFileReader.Read(text, name, out var problems), problems);
        var job = WorkflowCompiler.Compile(definition, catalog, user, commit: null, time.GetUtcNow());
        return (await loop.SubmitAsync(job, ct)).JobId;
    }

    /// <summary>
    /// The file a run executed. For a Nodeworks file, the output terminals of the nodes that completed
    /// carry the values the run computed; every other byte is the original's.
    /// </summary>
    public async Task<(StoredWorkflow Workflow, byte[] Content)> RunFileAsync(long runId, CancellationToken ct)
    {
        var job = await store.GetJobAsync(runId, ct);
        if (job?.Workflow is null || job.WorkflowCommit is null)
        {
            throw new KeyNotFoundException($"job {runId} is not a run of a stored workflow");
        }

        var stored = Get(job.Workflow, job.WorkflowCommit);
        if (stored.Format != WorkflowFormats.Nodeworks)
        {
            return (stored, stored.Content);
        }

        var recorded = NodeworksOutputWriter.RecordedOutputs(stored.Content);
        var values = new Dictionary<(string Node, string Terminal), JsonNode?>();
        foreach (var task in await store.GetTasksOfJobAsync(runId, ct))
        {
            if (task.State != TaskState.Completed || task.Outputs is null || JsonNode.Parse(task.Outputs) is not JsonObject outputs)
            {
                continue;
            }

            foreach (var (terminal, value) in outputs)
            {
                if (recorded.ContainsKey((task.Name, terminal)))
                {
                    values[(task.Name, terminal)] = value?.DeepClone();
                }
            }
        }

        return (stored, NodeworksOutputWriter.FillOutputs(stored.Content, values));
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.StartsWith('.') || name.StartsWith('-') || name.Contains("..", StringComparison.Ordinal)
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new WorkflowInvalidException("Invalid workflow name", [new WorkflowProblem("name", $"'{name}' is not a workflow name: use 1-100 letters, digits, '.', '_' or '-', not starting with '.' or '-'")]);
        }
    }

    public void Dispose() => _changes.Dispose();

    /// <summary>Makes a change's commit, records it in the store, and only then puts it on the branch (one change at a time).</summary>
    private async Task<WorkflowVersion?> CommitAsync(Func<PendingWorkflowChange?> prepare, CancellationToken ct)
    {
        await _changes.WaitAsync(ct);
        try
        {
            if (prepare() is not { } change)
            {
                return null;
            }

            await store.AppendWorkflowChangeAsync(change.Change, ct);
            repository.Advance(change);
            return change.Version;
        }
        finally
        {
            _changes.Release();
        }
    }
}
