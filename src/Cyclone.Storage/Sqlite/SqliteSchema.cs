using Microsoft.Data.Sqlite;

namespace Cyclone.Storage.Sqlite;

/// <summary>
/// The schema as numbered migrations. A new version appends a step; steps never change once released.
/// Times are Unix milliseconds; states are <see cref="Cyclone.Core.Tasks.TaskState"/> numbers; lists are JSON.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            user TEXT NOT NULL,
            spec TEXT NOT NULL,
            state INTEGER NOT NULL,
            task_count INTEGER NOT NULL,
            submitted_at INTEGER NOT NULL,
            started_at INTEGER,
            ended_at INTEGER,
            exit_code INTEGER
        );
        CREATE INDEX jobs_by_state ON jobs (state, id);
        CREATE INDEX jobs_by_user ON jobs (user, id);

        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id INTEGER NOT NULL REFERENCES jobs (id),
            idx INTEGER NOT NULL,
            name TEXT NOT NULL,
            user TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            priority INTEGER NOT NULL,
            nodes INTEGER NOT NULL,
            slots INTEGER NOT NULL,
            memory INTEGER NOT NULL,
            gpus INTEGER NOT NULL,
            labels TEXT NOT NULL,
            max_retries INTEGER NOT NULL,
            time_limit_ms INTEGER,
            agents TEXT NOT NULL DEFAULT '[]',
            exit_code INTEGER,
            reason TEXT,
            submitted_at INTEGER NOT NULL,
            started_at INTEGER,
            ended_at INTEGER,
            payload TEXT NOT NULL,
            output_bytes INTEGER NOT NULL DEFAULT 0,
            output_cut INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX tasks_by_job ON tasks (job_id, idx);
        CREATE INDEX tasks_active ON tasks (state, id) WHERE state < 3;
        CREATE INDEX tasks_dispatch_order ON tasks (priority DESC, id);

        CREATE TABLE attempts (
            task_id INTEGER NOT NULL REFERENCES tasks (id),
            attempt INTEGER NOT NULL,
            agents TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            state INTEGER NOT NULL,
            exit_code INTEGER,
            reason TEXT,
            PRIMARY KEY (task_id, attempt)
        );

        CREATE TABLE output (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id INTEGER NOT NULL,
            task_id INTEGER NOT NULL,
            task_idx INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            rank INTEGER NOT NULL,
            stream INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX output_by_job ON output (job_id, seq);

        CREATE TABLE agents (
            name TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            slots INTEGER NOT NULL,
            cores INTEGER NOT NULL,
            memory INTEGER NOT NULL,
            gpus INTEGER NOT NULL,
            labels TEXT NOT NULL,
            state TEXT NOT NULL,
            connected_at INTEGER NOT NULL,
            last_seen INTEGER NOT NULL
        );
        """,
        """
        ALTER TABLE jobs ADD COLUMN workflow TEXT;
        ALTER TABLE jobs ADD COLUMN workflow_commit TEXT;
        CREATE INDEX jobs_by_workflow ON jobs (workflow, id) WHERE workflow IS NOT NULL;
        ALTER TABLE tasks ADD COLUMN outputs TEXT;
        ALTER TABLE tasks ADD COLUMN wait_event TEXT;
        ALTER TABLE tasks ADD COLUMN max_active INTEGER;

        CREATE TABLE task_deps (
            task_id INTEGER NOT NULL,
            upstream_id INTEGER NOT NULL,
            kind INTEGER NOT NULL
        );
        CREATE INDEX task_deps_by_task ON task_deps (task_id);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            user TEXT NOT NULL,
            at INTEGER NOT NULL,
            delivered INTEGER NOT NULL DEFAULT 0,
            started_runs TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX events_by_name ON events (name, id);

        CREATE TABLE workflow_triggers (
            event TEXT NOT NULL,
            workflow TEXT NOT NULL,
            PRIMARY KEY (event, workflow)
        );

        CREATE TABLE timers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            spec TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            data TEXT,
            user TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            next_at INTEGER,
            last_at INTEGER,
            last_note TEXT,
            fired INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        );
        """,
        """
        CREATE TABLE node_kinds (
            kind TEXT PRIMARY KEY,
            spec TEXT NOT NULL,
            user TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            is_admin INTEGER NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL
        );

        CREATE TABLE tokens (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user TEXT NOT NULL REFERENCES users (name),
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            lookup TEXT NOT NULL,
            hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER,
            revoked_by TEXT
        );
        CREATE INDEX tokens_by_lookup ON tokens (lookup);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            user TEXT,
            token_id INTEGER,
            role TEXT,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            status INTEGER NOT NULL,
            remote TEXT,
            detail TEXT
        );
        CREATE INDEX audit_by_user ON audit (user, id);
        """,
        """
        CREATE TABLE job_task_counts (
            job_id INTEGER NOT NULL,
            state INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (job_id, state)
        ) WITHOUT ROWID;
        INSERT INTO job_task_counts (job_id, state, n) SELECT job_id, state, count(*) FROM tasks GROUP BY job_id, state;
        """,
        """
        CREATE TABLE results (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id INTEGER NOT NULL,
            job_id INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            sink TEXT NOT NULL,
            agent TEXT,
            items TEXT NOT NULL,
            at INTEGER NOT NULL,
            UNIQUE (task_id, attempt, sink)
        );
        CREATE INDEX results_by_sink ON results (sink, seq);
        CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
        """,
        """
        CREATE TABLE workflow_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, action TEXT NOT NULL, format TEXT NOT NULL, content BLOB NOT NULL,
            author TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL, sha TEXT NOT NULL);
        """,
        """
        -- the job list sorted by any column reads a page from an index (RelationalStore.OrderOf)
        CREATE INDEX jobs_by_name ON jobs (name, id);
        CREATE INDEX jobs_by_submitted ON jobs (submitted_at, id);
        CREATE INDEX jobs_by_started ON jobs ((coalesce(started_at, 9223372036854775807)), id);
        CREATE INDEX jobs_by_ended ON jobs ((coalesce(ended_at, 9223372036854775807)), id);
        """,
        """
        -- an operator's drain lasts across the agent's reconnects and the hub's restarts, until resumed
        ALTER TABLE agents ADD COLUMN drained INTEGER NOT NULL DEFAULT 0;
        """,
        """
        -- the payload its tasks share (an array's elements), kept once: such a task's own payload is '' (Submission.PayloadTexts)
        ALTER TABLE jobs ADD COLUMN payload TEXT;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Version => Migrations.Length;

    /// <summary>Brings the database up to <see cref="Version"/>; refuses a database written by a newer build.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        var current = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Version)
        {
            throw new InvalidOperationException(
                $"The store {path} has schema version {current}, newer than this Cyclone understands ({Version}); use a newer Cyclone or another data directory.");
        }

        for (var v = current; v < Version; v++)
        {
            using var tx = connection.BeginTransaction();
            using (var step = connection.CreateCommand())
            {
                step.Transaction = tx;
                step.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
                step.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
