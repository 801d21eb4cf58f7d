using Cyclone.Storage.Contract;
using Cyclone.Storage.Writes;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string TaskOutputState = "SELECT job_id, idx, output_bytes, output_cut FROM tasks WHERE id = $id;";

    private const string CountOutput = "UPDATE tasks SET output_bytes = $bytes, output_cut = $cut WHERE id = $id;";

    private const string InsertOutput = """
        INSERT INTO output (job_id, task_id, task_idx, attempt, rank, stream, data)
        VALUES ($job, $task, $idx, $attempt, $rank, $stream, $data);
        """;

    private const string SelectOutput = $"""
        SELECT {StoreRows.OutputColumns} FROM output
        WHERE job_id = $job AND seq > $after AND ($idx IS NULL OR task_idx = $idx) AND ($rank IS NULL OR rank = $rank)
        ORDER BY seq LIMIT $limit;
        """;

    /// <summary>The line stored where a task's output reached the cap.</summary>
    public static string CutMarker(long capBytes) => OutputCap.Marker(capBytes);

    public Task AppendOutputAsync(IReadOnlyList<OutputAppend> chunks, CancellationToken ct)
    {
        if (chunks.Count == 0)
        {
            return Task.CompletedTask;
        }

        return EnqueueAsync(c =>
        {
            foreach (var chunk in chunks)
            {
                Append(c, chunk);
            }

            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<OutputChunkRecord>> ReadOutputAsync(
        long jobId, int? taskIndex, int? rank, long afterSeq, int limit, CancellationToken ct)
    {
        await using var connection = await OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectOutput;
        command.With("$job", jobId).With("$idx", taskIndex).With("$rank", rank).With("$after", afterSeq).With("$limit", limit);
        var chunks = new List<OutputChunkRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            chunks.Add(StoreRows.ReadChunk(reader));
        }

        return chunks;
    }

    /// <summary>Stores a chunk within the task's cap: the chunk that crosses it is cut and marked, later ones dropped.</summary>
    private static void Append(WriteContext c, OutputAppend chunk)
    {
        long jobId, stored;
        int index;
        using (var reader = c.Command(TaskOutputState).With("$id", chunk.TaskId).ExecuteReader())
        {
            if (!reader.Read() || reader.GetBoolean(3))
            {
                return; // an unknown task (output of a task from another store), or output already cut
            }

            jobId = reader.GetInt64(0);
            index = reader.GetInt32(1);
            stored = reader.GetInt64(2);
        }

        var (data, cut) = OutputCap.Fit(chunk.Data, stored, c.Options.OutputCapBytes);
        c.Command(InsertOutput)
            .With("$job", jobId).With("$task", chunk.TaskId).With("$idx", index).With("$attempt", chunk.Attempt)
            .With("$rank", chunk.Rank).With("$stream", chunk.Stream).With("$data", data.ToArray())
            .ExecuteNonQuery();
        c.Command(CountOutput)
            .With("$id", chunk.TaskId).With("$bytes", stored + data.Length).With("$cut", cut)
            .ExecuteNonQuery();
    }
}
