using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>
/// Cyclone's durable state. Every write method returns only after its data is durable; concurrent
/// writes are grouped into shared transactions (group commit). Implementations are thread-safe.
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>Opens the store and applies pending schema migrations.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Stores whole jobs with their tasks (all or nothing) and returns the ids given, in order.</summary>
    Task<IReadOnlyList<SubmittedJob>> SubmitAsync(IReadOnlyList<NewJob> jobs, CancellationToken ct);

    /// <summary>
    /// Applies task state changes in order, in one transaction, recording attempts as they start and
    /// end, and keeps each affected job's derived state, start, end and exit code current.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<TaskTransition> transitions, CancellationToken ct);

    /// <summary>
    /// Appends output chunks. Each task's stored output is capped; the first chunk past the cap is
    /// cut and followed by a marker line, later ones are dropped.
    /// </summary>
    Task AppendOutputAsync(IReadOnlyList<OutputAppend> chunks, CancellationToken ct);

    /// <summary>Inserts or updates agents by name.</summary>
    Task UpsertAgentsAsync(IReadOnlyList<AgentRecord> agents, CancellationToken ct);

    /// <summary>Every task not in a final state, in submission order: what the scheduler reloads after a restart.</summary>
    IAsyncEnumerable<ActiveTaskRecord> LoadActiveTasksAsync(CancellationToken ct);

    /// <summary>The tasks of a job that ended other than COMPLETED, with their dependencies: what a retry puts back in the queue.</summary>
    Task<IReadOnlyList<ActiveTaskRecord>> LoadUnsuccessfulTasksOfJobAsync(long jobId, CancellationToken ct);

    Task<JobRecord?> GetJobAsync(long jobId, CancellationToken ct);

    Task<IReadOnlyList<TaskRecord>> GetTasksOfJobAsync(long jobId, CancellationToken ct);

    /// <summary>The payloads of the given tasks (what a lease carries), keyed by task id.</summary>
    Task<IReadOnlyDictionary<long, TaskPayload>> GetPayloadsAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct);

    /// <summary>Jobs, newest first, filtered and paged in the database.</summary>
    Task<PageResult<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken ct);

    /// <summary>Tasks, in dispatch order (priority, then age), filtered and paged in the database.</summary>
    Task<PageResult<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct);

    /// <summary>Output of a job after <paramref name="afterSeq"/>, oldest first, optionally of one task index or rank.</summary>
    Task<IReadOnlyList<OutputChunkRecord>> ReadOutputAsync(long jobId, int? taskIndex, int? rank, long afterSeq, int limit, CancellationToken ct);

    Task<IReadOnlyDictionary<TaskState, long>> CountTasksByStateAsync(CancellationToken ct);

    Task<IReadOnlyDictionary<TaskState, long>> CountJobsByStateAsync(CancellationToken ct);

    Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken ct);

    /// <summary>The current state of each given task that exists.</summary>
    Task<IReadOnlyDictionary<long, TaskState>> GetTaskStatesAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct);

    /// <summary>The outputs (JSON object text) of the given tasks of a job that reported any, by task index.</summary>
    Task<IReadOnlyDictionary<int, string>> GetOutputsAsync(long jobId, IReadOnlyCollection<int> taskIndices, CancellationToken ct);

    /// <summary>The ids of every task of the given jobs (what <c>--dependency afterok:JOB</c> waits for).</summary>
    Task<IReadOnlyList<long>> GetTaskIdsOfJobsAsync(IReadOnlyCollection<long> jobIds, CancellationToken ct);

    /// <summary>
    /// Every task of <paramref name="user"/>'s jobs whose name starts with <paramref name="jobNamePrefix"/> (taken
    /// literally), in id order, with the tasks each depends on.
    /// </summary>
    Task<IReadOnlyList<NamedTaskRecord>> ListTasksOfJobsNamedAsync(string user, string jobNamePrefix, CancellationToken ct);

    /// <summary>Records an event durably and returns its id.</summary>
    Task<long> RecordEventAsync(string name, string data, string user, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records what an event did: how many waiting tasks it completed and which runs it started.</summary>
    Task CompleteEventAsync(long id, int delivered, IReadOnlyList<long> startedRuns, CancellationToken ct);

    /// <summary>Recent events, newest first, optionally of one name.</summary>
    Task<IReadOnlyList<EventRecord>> ListEventsAsync(string? name, int limit, CancellationToken ct);

    /// <summary>The latest event of each name (what the scheduler remembers after a restart).</summary>
    Task<IReadOnlyList<EventRecord>> LatestEventsAsync(CancellationToken ct);

    /// <summary>Replaces the events that start runs of <paramref name="workflow"/>.</summary>
    Task SetTriggersAsync(string workflow, IReadOnlyList<string> events, CancellationToken ct);

    /// <summary>Which workflows each event starts, optionally for one event.</summary>
    Task<IReadOnlyList<(string Event, string Workflow)>> ListTriggersAsync(string? eventName, CancellationToken ct);

    Task<long> AddTimerAsync(TimerRecord timer, CancellationToken ct);

    Task UpdateTimerAsync(long id, DateTimeOffset? nextAt, DateTimeOffset? lastAt, string? lastNote, int fired, bool active, CancellationToken ct);

    Task<IReadOnlyList<TimerRecord>> ListTimersAsync(bool activeOnly, CancellationToken ct);

    /// <summary>Registers or replaces a user-defined node kind (its spec is JSON text).</summary>
    Task SetNodeKindAsync(string kind, string specJson, string user, DateTimeOffset at, CancellationToken ct);

    /// <summary>Removes a user-defined node kind; false when there was none.</summary>
    Task<bool> DeleteNodeKindAsync(string kind, CancellationToken ct);

    /// <summary>Every user-defined node kind with its spec (JSON text).</summary>
    Task<IReadOnlyList<(string Kind, string Spec)>> ListNodeKindsAsync(CancellationToken ct);

    /// <summary>Result sets of <paramref name="sink"/> stored after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ResultRecord>> ReadResultsAsync(string sink, long afterSeq, int limit, CancellationToken ct);

    /// <summary>The value of a named durable cursor (a sink's or a generator's progress), or null when it was never set.</summary>
    Task<string?> GetCursorAsync(string name, CancellationToken ct);

    /// <summary>Sets a named durable cursor; returns once the value is durable.</summary>
    Task SetCursorAsync(string name, string value, DateTimeOffset at, CancellationToken ct);

    /// <summary>The dependencies between the tasks of a job (and on tasks of other jobs): task id, upstream task id.</summary>
    Task<IReadOnlyList<(long TaskId, long UpstreamId)>> GetDependenciesOfJobAsync(long jobId, CancellationToken ct);

    /// <summary>Durations of completed tasks of earlier, similar jobs (see <see cref="PastDurationQuery"/>), newest job first.</summary>
    Task<IReadOnlyList<PastDuration>> GetPastDurationsAsync(PastDurationQuery query, CancellationToken ct);

    /// <summary>Records a change of the workflow repository; returns its sequence number once it is durable.</summary>
    Task<long> AppendWorkflowChangeAsync(WorkflowChangeRecord change, CancellationToken ct);

    /// <summary>Changes of the workflow repository after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WorkflowChangeRecord>> ReadWorkflowChangesAsync(long afterSeq, int limit, CancellationToken ct);
}
