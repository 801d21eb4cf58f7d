using Npgsql;

namespace Cyclone.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered migrations, recorded in <c>cyclone_schema</c>. A new version appends a step; steps never
/// change once released. Columns mirror the SQLite schema (times in Unix milliseconds, states as numbers, lists as JSON text),
/// so the two stores read alike and an installation can move from one to the other.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key that serializes migrations and write transactions of every store on one database.</summary>
    public const long LockKey = 0x6379636c6f6e65;

    /// <summary>The advisory lock key the active hub holds for as long as it is active (a session lock on its own connection).</summary>
    public const long LeaderKey = LockKey + 1;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE jobs (
            id bigserial PRIMARY KEY, name text NOT NULL, "user" text NOT NULL, spec text NOT NULL, state integer NOT NULL,
            task_count integer NOT NULL, submitted_at bigint NOT NULL, started_at bigint, ended_at bigint, exit_code integer,
            workflow text, workflow_commit text);
        CREATE INDEX jobs_by_state ON jobs (state, id);
        CREATE INDEX jobs_by_user ON jobs ("user", id);
        CREATE INDEX jobs_by_workflow ON jobs (workflow, id) WHERE workflow IS NOT NULL;

        CREATE TABLE tasks (
            id bigserial PRIMARY KEY, job_id bigint NOT NULL REFERENCES jobs (id), idx integer NOT NULL, name text NOT NULL,
            "user" text NOT NULL, state integer NOT NULL, attempt integer NOT NULL DEFAULT 0, failures integer NOT NULL DEFAULT 0,
            priority integer NOT NULL, nodes integer NOT NULL, slots integer NOT NULL, memory bigint NOT NULL, gpus integer NOT NULL,
            labels text NOT NULL, max_retries integer NOT NULL, time_limit_ms bigint, agents text NOT NULL DEFAULT '[]',
            exit_code integer, reason text, submitted_at bigint NOT NULL, started_at bigint, ended_at bigint, payload text NOT NULL,
            output_bytes bigint NOT NULL DEFAULT 0, output_cut boolean NOT NULL DEFAULT false, outputs text, wait_event text,
            max_active integer);
        CREATE UNIQUE INDEX tasks_by_job ON tasks (job_id, idx);
        CREATE INDEX tasks_active ON tasks (state, id) WHERE state < 3;
        CREATE INDEX tasks_dispatch_order ON tasks (priority DESC, id);

        CREATE TABLE attempts (
            task_id bigint NOT NULL REFERENCES tasks (id), attempt integer NOT NULL, agents text NOT NULL, started_at bigint NOT NULL,
            ended_at bigint, state integer NOT NULL, exit_code integer, reason text, PRIMARY KEY (task_id, attempt));

        CREATE TABLE output (
            seq bigserial PRIMARY KEY, job_id bigint NOT NULL, task_id bigint NOT NULL, task_idx integer NOT NULL,
            attempt integer NOT NULL, rank integer NOT NULL, stream integer NOT NULL, data bytea NOT NULL);
        CREATE INDEX output_by_job ON output (job_id, seq);

        CREATE TABLE agents (
            name text PRIMARY KEY, host text NOT NULL, slots integer NOT NULL, cores integer NOT NULL, memory bigint NOT NULL,
            gpus integer NOT NULL, labels text NOT NULL, state text NOT NULL, connected_at bigint NOT NULL, last_seen bigint NOT NULL);

        CREATE TABLE task_deps (task_id bigint NOT NULL, upstream_id bigint NOT NULL, kind integer NOT NULL);
        CREATE INDEX task_deps_by_task ON task_deps (task_id);

        CREATE TABLE events (
            id bigserial PRIMARY KEY, name text NOT NULL, data text NOT NULL, "user" text NOT NULL, at bigint NOT NULL,
            delivered integer NOT NULL DEFAULT 0, started_runs text NOT NULL DEFAULT '[]');
        CREATE INDEX events_by_name ON events (name, id);

        CREATE TABLE workflow_triggers (event text NOT NULL, workflow text NOT NULL, PRIMARY KEY (event, workflow));

        CREATE TABLE timers (
            id bigserial PRIMARY KEY, kind text NOT NULL, spec text NOT NULL, action text NOT NULL, target text NOT NULL, data text,
            "user" text NOT NULL, created_at bigint NOT NULL, next_at bigint, last_at bigint, last_note text,
            fired integer NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true);

        CREATE TABLE node_kinds (kind text PRIMARY KEY, spec text NOT NULL, "user" text NOT NULL, updated_at bigint NOT NULL);

        CREATE TABLE users (
            name text PRIMARY KEY, is_admin boolean NOT NULL, disabled boolean NOT NULL DEFAULT false, created_at bigint NOT NULL,
            created_by text NOT NULL);

        CREATE TABLE tokens (
            id bigserial PRIMARY KEY, "user" text NOT NULL REFERENCES users (name), name text NOT NULL, role text NOT NULL,
            lookup text NOT NULL, hash bytea NOT NULL, created_at bigint NOT NULL, created_by text NOT NULL, expires_at bigint,
            revoked_at bigint, revoked_by text);
        CREATE INDEX tokens_by_lookup ON tokens (lookup);

        CREATE TABLE audit (
            id bigserial PRIMARY KEY, at bigint NOT NULL, "user" text, token_id bigint, role text, method text NOT NULL,
            path text NOT NULL, status integer NOT NULL, remote text, detail text);
        CREATE INDEX audit_by_user ON audit ("user", id);

        CREATE TABLE job_task_counts (job_id bigint NOT NULL, state integer NOT NULL, n integer NOT NULL, PRIMARY KEY (job_id, state));
        """,
        """
        CREATE TABLE cyclone_leader (
            id integer PRIMARY KEY CHECK (id = 1), epoch bigint NOT NULL, hub text, url text, pid integer, since bigint);
        INSERT INTO cyclone_leader (id, epoch) VALUES (1, 0);

        CREATE TABLE cyclone_hubs (
            hub text PRIMARY KEY, url text NOT NULL, active boolean NOT NULL, version text NOT NULL, started_at bigint NOT NULL,
            last_seen bigint NOT NULL);
        """,
        """
        CREATE TABLE results (
            seq bigserial PRIMARY KEY, task_id bigint NOT NULL, job_id bigint NOT NULL, attempt integer NOT NULL, sink text NOT NULL,
            agent text, items text NOT NULL, at bigint NOT NULL, UNIQUE (task_id, attempt, sink));
        CREATE INDEX results_by_sink ON results (sink, seq);
        CREATE TABLE cursors (name text PRIMARY KEY, value text NOT NULL, updated_at bigint NOT NULL);
        """,
        """
        CREATE TABLE workflow_changes (
            seq bigserial PRIMARY KEY, name text NOT NULL, action text NOT NULL, format text NOT NULL, content bytea NOT NULL,
            author text NOT NULL, message text NOT NULL, at bigint NOT NULL, sha text NOT NULL);
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
        ALTER TABLE agents ADD COLUMN drained integer NOT NULL DEFAULT 0;
        """,
        """
        -- the payload its tasks share (an array's elements), kept once: such a task's own payload is '' (Submission.PayloadTexts)
        ALTER TABLE jobs ADD COLUMN payload text;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Version => Migrations.Length;

    /// <summary>Brings the database up to <see cref="Version"/> under an advisory lock; refuses a database written by a newer build.</summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, string where, CancellationToken ct)
    {
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey});", ct);
        try
        {
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS cyclone_schema (version integer NOT NULL);", ct);
            await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM cyclone_schema;", connection);
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            if (current > Version)
            {
                throw new InvalidOperationException(
                    $"The store {where} has schema version {current}, newer than this Cyclone understands ({Version}); use a newer Cyclone or another database.");
            }

            for (var v = current; v < Version; v++)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, tx, Migrations[v], ct);
                await ExecuteAsync(connection, tx, $"DELETE FROM cyclone_schema; INSERT INTO cyclone_schema (version) VALUES ({v + 1});", ct);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey});", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
#pragma warning disable CA2100 // migrations are constants of this class
        await using var command = new NpgsqlCommand(sql, connection, tx);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }
}
