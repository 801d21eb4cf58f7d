using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>
/// Reads the hub's store and the tasks' own execution log after a run and checks: every acknowledged task reached
/// exactly one final state; no completed task is recorded twice; every attempt that ran was leased (to the agent it
/// ran on); no task of a cancelled job ran on beyond the kill latency; no agent ever ran more than its slots.
/// </summary>
internal static class InvariantChecker
{
    /// <summary>How long a process may go on after its job was cancelled: the kill grace, the stop's way to the agent, a lost agent's lease.</summary>
    public static readonly TimeSpan KillLatency = TimeSpan.FromSeconds(15);

    private const int Completed = 3;

    public static InvariantReport Check(
        string database, string executionLog, IReadOnlyCollection<SubmittedWork> acknowledged, IReadOnlyDictionary<string, int> agentSlots)
    {
        var report = new InvariantReport();
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tasks = Rows(connection, "SELECT id, job_id, state FROM tasks", r => (Id: r.GetInt64(0), Job: r.GetInt64(1), State: r.GetInt32(2)));
        var attempts = Rows(connection, "SELECT task_id, attempt, agents, state, ended_at FROM attempts", r => (
            Task: r.GetInt64(0), Attempt: r.GetInt32(1), Agents: JsonSerializer.Deserialize<string?[]>(r.GetString(2)) ?? [],
            State: r.GetInt32(3), EndedAt: r.IsDBNull(4) ? (long?)null : r.GetInt64(4)));
        var tasksByJob = tasks.ToLookup(t => t.Job);
        var attemptsOf = attempts.ToLookup(a => a.Task);

        // every acknowledged task reached exactly one final state, and none was recorded twice
        foreach (var work in acknowledged)
        {
            var own = tasksByJob[work.JobId].ToList();
            if (own.Count == 0)
            {
                report.Lost++;
                report.Violate($"acknowledged job {work.JobId} ({work.Kind}) is not in the store");
            }

            foreach (var task in own)
            {
                report.Tasks++;
                if (task.State < Completed)
                {
                    report.Lost++;
                    report.Violate($"task {task.Id} of job {work.JobId} ({work.Kind}) never ended (state {task.State})");
                }

                var completions = attemptsOf[task.Id].Count(a => a.State == Completed);
                if (completions > 1 || (task.State == Completed && completions != 1))
                {
                    report.Duplicated++;
                    report.Violate($"task {task.Id} is COMPLETED {completions} times in its attempts");
                }

                if (task.State >= Completed && attemptsOf[task.Id].Any(a => a.EndedAt is null))
                {
                    report.Violate($"task {task.Id} ended but an attempt of it is still open");
                }
            }
        }

        report.Attempts = attempts.Count;
        report.Redispatches = attempts.Count(a => a.Attempt > 1);
        CheckExecutions(report, executionLog, attempts.ToDictionary(a => (a.Task, a.Attempt), a => (a.Agents, a.EndedAt)), acknowledged, tasks, agentSlots);
        return report;
    }

    private static void CheckExecutions(
        InvariantReport report, string log, Dictionary<(long, int), (string?[] Agents, long? EndedAt)> leased,
        IReadOnlyCollection<SubmittedWork> acknowledged, IReadOnlyList<(long Id, long Job, int State)> tasks, IReadOnlyDictionary<string, int> slots)
    {
        var records = File.Exists(log) ? File.ReadLines(log).Select(ExecutionRecord.Parse).OfType<ExecutionRecord>().ToList() : [];
        report.ExecutedRecords = records.Count;
        var ends = records.Where(r => r.Kind == 'E').ToDictionary(r => (r.TaskId, r.Attempt, r.Node, r.Pid), r => r.AtMs);
        var runs = new List<(string Agent, long Start, long End, ExecutionRecord Record)>();
        foreach (var start in records.Where(r => r.Kind == 'S'))
        {
            // every attempt that ran was leased, to the agent it ran on
            if (!leased.TryGetValue((start.TaskId, start.Attempt), out var lease) || start.Node >= lease.Agents.Length || lease.Agents[start.Node] != start.Agent)
            {
                report.Violate($"task {start.TaskId} attempt {start.Attempt} node {start.Node} ran on {start.Agent} without a lease for it");
            }

            var end = ends.TryGetValue((start.TaskId, start.Attempt, start.Node, start.Pid), out var e) ? e : lease.EndedAt ?? long.MaxValue;
            runs.Add((start.Agent, start.AtMs, end, start));
        }

        // no task of a cancelled job ran on beyond the kill latency
        var jobOf = tasks.ToDictionary(t => t.Id, t => t.Job);
        var cancelled = acknowledged.Where(w => w.CancelledAt is not null).ToDictionary(w => w.JobId, w => w.CancelledAt!.Value.ToUnixTimeMilliseconds());
        foreach (var run in runs)
        {
            if (jobOf.TryGetValue(run.Record.TaskId, out var job) && cancelled.TryGetValue(job, out var at) && run.End > at + (long)KillLatency.TotalMilliseconds)
            {
                report.Violate($"task {run.Record.TaskId} (job {job}) ran until {run.End}, {run.End - at} ms after its job was cancelled");
            }
        }

        // no agent ran more than its slots at once (a multi-node task takes one slot on each of its agents)
        foreach (var agent in runs.GroupBy(r => r.Agent, StringComparer.Ordinal))
        {
            var events = agent.SelectMany(r => new[] { (At: r.Start, Delta: 1), (At: r.End, Delta: -1) }).OrderBy(e => e.At).ThenBy(e => e.Delta).ToList();
            var running = 0;
            foreach (var (at, delta) in events)
            {
                running += delta;
                var over = running - slots.GetValueOrDefault(agent.Key, int.MaxValue);
                if (over > 0)
                {
                    report.MaxConcurrentSlotsOverSlots = Math.Max(report.MaxConcurrentSlotsOverSlots, over);
                    report.Violate($"agent {agent.Key} ran {running} processes at {at} with {slots[agent.Key]} slots");
                    break;
                }
            }
        }
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant statements
        command.CommandText = sql;
#pragma warning restore CA2100
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
