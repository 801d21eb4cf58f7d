using Microsoft.Data.Sqlite;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>The invariant checker itself: each kind of broken record it must catch, in a store and log made up for it.</summary>
public sealed class InvariantCheckerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cyclone-invariants-").FullName;

    [Fact]
    public void Clean_records_pass()
    {
        var report = Check(tasks: [(1, 10, 3)], attempts: [(1, 1, "a", 3, 2000)], log: ["S 1 1 0 a 100 1000", "E 1 1 0 a 100 1500"]);
        Assert.Empty(report.Violations);
        Assert.Equal((1, 1, 0), (report.Tasks, report.Attempts, report.Redispatches));
    }

    [Fact]
    public void A_lost_task_a_double_completion_an_unleased_run_a_late_run_and_an_overcommitted_agent_are_each_caught()
    {
        var report = Check(
            tasks: [(1, 10, 2), (2, 11, 3), (3, 12, 6), (4, 13, 3), (5, 13, 3)],
            attempts: [(1, 1, "a", 2, null), (2, 1, "a", 3, 2000), (2, 2, "b", 3, 3000), (3, 1, "a", 6, 2000), (4, 1, "a", 3, 9000), (5, 1, "a", 3, 9000)],
            log:
            [
                "S 2 1 0 a 1 1000", "E 2 1 0 a 1 1900",
                "S 2 3 0 b 2 1000",                       // attempt 3 was never leased
                "S 3 1 0 a 3 1000", "E 3 1 0 a 3 60000",  // its job was cancelled at 2000
                "S 4 1 0 a 4 5000", "S 5 1 0 a 5 5000",   // two at once on a one-slot agent
            ],
            cancelled: (12, 2000));

        Assert.Equal(1, report.Lost);
        Assert.Equal(1, report.Duplicated);
        Assert.Contains(report.Violations, v => v.Contains("task 1 of job 10", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("task 2 is COMPLETED 2 times", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("task 2 attempt 3 node 0 ran on b without a lease", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("after its job was cancelled", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("agent a ran 2 processes", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private InvariantReport Check(
        (long Id, long Job, int State)[] tasks, (long Task, int Attempt, string Agent, int State, long? Ended)[] attempts, string[] log, (long Job, long At)? cancelled = null)
    {
        var database = Path.Combine(_directory, "cyclone.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE tasks (id INTEGER, job_id INTEGER, state INTEGER); CREATE TABLE attempts (task_id INTEGER, attempt INTEGER, agents TEXT, state INTEGER, ended_at INTEGER);");
            foreach (var t in tasks)
            {
                Execute(connection, $"INSERT INTO tasks VALUES ({t.Id}, {t.Job}, {t.State});");
            }

            foreach (var a in attempts)
            {
                Execute(connection, $"INSERT INTO attempts VALUES ({a.Task}, {a.Attempt}, '[\"{a.Agent}\"]', {a.State}, {(a.Ended is { } e ? e : "NULL")});");
            }
        }

        var logFile = Path.Combine(_directory, "executions.log");
        File.WriteAllLines(logFile, log.Select(l => l.Split("//")[0].Trim()));
        var work = tasks.Select(t => t.Job).Distinct().Select(j => new SubmittedWork(j, "test", 1)).ToList();
        if (cancelled is { } c)
        {
            work.Single(w => w.JobId == c.Job).CancelledAt = DateTimeOffset.FromUnixTimeMilliseconds(c.At);
        }

        return InvariantChecker.Check(database, logFile, work, new Dictionary<string, int> { ["a"] = 1, ["b"] = 1 });
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // test data
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
