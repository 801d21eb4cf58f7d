using System.Data.Common;
using System.Text.Json;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage;

/// <summary>The column lists both stores select and the records read from them (the schemas name and order columns alike).</summary>
internal static class StoreRows
{
    public const string JobColumns = """id, name, "user", spec, state, task_count, submitted_at, started_at, ended_at, exit_code, workflow, workflow_commit""";

    public const string TaskColumns =
        """id, job_id, idx, name, "user", state, attempt, failures, priority, agents, exit_code, reason, submitted_at, started_at, ended_at, outputs""";

    public const string ActiveColumns =
        """id, job_id, slots, memory, gpus, labels, nodes, priority, max_retries, time_limit_ms, state, attempt, failures, agents, started_at, wait_event, max_active, submitted_at, "user" """;

    public const string AgentColumns = "name, host, slots, cores, memory, gpus, labels, state, connected_at, last_seen, drained";

    public const string TokenColumns = """id, "user", name, role, lookup, hash, created_at, created_by, expires_at, revoked_at, revoked_by""";

    public const string AuditColumns = """id, at, "user", token_id, role, method, path, status, remote, detail""";

    public const string EventColumns = """id, name, data, "user", at, delivered, started_runs""";

    public const string TimerColumns =
        """id, kind, spec, action, target, data, "user", created_at, next_at, last_at, last_note, fired, active""";

    public const string OutputColumns = "seq, task_id, task_idx, attempt, rank, stream, data";

    /// <summary>A yes/no column (an integer in SQLite, a boolean in PostgreSQL).</summary>
    public static bool Flag(DbDataReader r, int i) => Convert.ToBoolean(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static JobRecord ReadJob(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (TaskState)r.GetInt32(4), r.GetInt32(5),
        At(r, 6), AtOrNull(r, 7), AtOrNull(r, 8), IntOrNull(r, 9))
    {
        Workflow = TextOrNull(r, 10),
        WorkflowCommit = TextOrNull(r, 11),
    };

    public static TaskRecord ReadTask(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), (TaskState)r.GetInt32(5),
        r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), List(r, 9), IntOrNull(r, 10), TextOrNull(r, 11),
        At(r, 12), AtOrNull(r, 13), AtOrNull(r, 14))
    {
        Outputs = TextOrNull(r, 15),
    };

    public static ActiveTaskRecord ReadActive(DbDataReader r, IReadOnlyDictionary<long, List<TaskDependency>> dependencies)
    {
        var id = r.GetInt64(0);
        return new ActiveTaskRecord(
            id, r.GetInt64(1), new NodeDemand(r.GetInt32(2), r.GetInt64(3), r.GetInt32(4), List(r, 5)),
            r.GetInt32(6), r.GetInt32(7), r.GetInt32(8),
            r.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(r.GetInt64(9)),
            (TaskState)r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), List(r, 13), AtOrNull(r, 14))
        {
            Dependencies = dependencies.TryGetValue(id, out var deps) ? deps : [],
            WaitsForEvent = TextOrNull(r, 15),
            MaxActiveInJob = IntOrNull(r, 16),
            SubmittedAt = At(r, 17),
            User = r.GetString(18),
        };
    }

    public static AgentRecord ReadAgent(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt32(5),
        List(r, 6), r.GetString(7), At(r, 8), At(r, 9)) { Drained = r.GetInt32(10) != 0 };

    public static TokenRecord ReadToken(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (byte[])r.GetValue(5), At(r, 6), r.GetString(7),
        AtOrNull(r, 8), AtOrNull(r, 9), TextOrNull(r, 10));

    public static AuditRecord ReadAudit(DbDataReader r) => new(
        r.GetInt64(0), At(r, 1), TextOrNull(r, 2), r.IsDBNull(3) ? null : r.GetInt64(3), TextOrNull(r, 4), r.GetString(5), r.GetString(6),
        r.GetInt32(7), TextOrNull(r, 8), TextOrNull(r, 9));

    public static EventRecord ReadEvent(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), At(r, 4), r.GetInt32(5),
        JsonSerializer.Deserialize<long[]>(r.GetString(6), Json) ?? []);

    public static TimerRecord ReadTimer(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), TextOrNull(r, 5), r.GetString(6),
        At(r, 7), AtOrNull(r, 8), AtOrNull(r, 9), TextOrNull(r, 10), r.GetInt32(11), Flag(r, 12));

    public static UserRecord ReadUser(DbDataReader r) => new(r.GetString(0), Flag(r, 1), Flag(r, 2), At(r, 3), r.GetString(4));

    public static OutputChunkRecord ReadChunk(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), (byte[])r.GetValue(6));

    /// <summary>A row's payload with its index and name; each distinct payload text is parsed once into <paramref name="parsed"/>.</summary>
    public static TaskPayload ReadPayload(DbDataReader r, int idx, int payload, int name, Dictionary<string, TaskPayload> parsed)
    {
        var text = r.GetString(payload);
        if (!parsed.TryGetValue(text, out var shared))
        {
            parsed[text] = shared = JsonSerializer.Deserialize<TaskPayload>(text, Json)!;
        }

        return shared with { TaskIndex = r.GetInt32(idx), Name = r.GetString(name) };
    }

    public static Dictionary<long, List<TaskDependency>> GroupDependencies(IEnumerable<(long Task, long Upstream, DependencyKind Kind)> rows)
    {
        var dependencies = new Dictionary<long, List<TaskDependency>>();
        foreach (var (task, upstream, kind) in rows)
        {
            if (!dependencies.TryGetValue(task, out var list))
            {
                dependencies[task] = list = [];
            }

            list.Add(new TaskDependency(upstream, kind));
        }

        return dependencies;
    }
}
