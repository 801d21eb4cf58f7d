using Cyclone.Storage.Contract;
using Cyclone.Storage.Writes;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string TaskOutputState = "SELECT job_id, idx, output_bytes, output_cut FROM tasks WHERE id = @id;";

    private const string CountOutput = "UPDATE tasks SET output_bytes = @bytes, output_cut = @cut WHERE id = @id;";

    private const string InsertOutput = """
        INSERT INTO output (job_id, task_id, task_idx, attempt, rank, stream, data)
        VALUES (@job, @task, @idx, @attempt, @rank, @stream, @data);
        """;

    private const string SelectOutput = $"""
        SELECT {StoreRows.OutputColumns} FROM output
        WHERE job_id = @job AND seq > @after AND (CAST(@idx AS integer) IS NULL OR task_idx = CAST(@idx AS integer))
          AND (CAST(@rank AS integer) IS NULL OR rank = CAST(@rank AS integer))
        ORDER BY seq LIMIT @limit;
        """;

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

    /// <summary>The line stored where a task's output reached the cap.</summary>
    public static string CutMarker(long capBytes) => OutputCap.Marker(capBytes);

    public Task<IReadOnlyList<OutputChunkRecord>> ReadOutputAsync(
        long jobId, int? taskIndex, int? rank, long afterSeq, int limit, CancellationToken ct) =>
        ReadAsync(
            SelectOutput,
            c => c.With("job", jobId).With("idx", taskIndex).With("rank", rank).With("after", afterSeq).With("limit", limit),
            StoreRows.ReadChunk,
            ct);

    /// <summary>Stores a chunk within the task's cap: the chunk that crosses it is cut and marked, later ones dropped.</summary>
    private static void Append(WriteContext c, OutputAppend chunk)
    {
        long jobId, stored;
        int index;
        using (var reader = c.Command(TaskOutputState).With("id", chunk.TaskId).ExecuteReader())
        {
            if (!reader.Read() || StoreRows.Flag(reader, 3))
            {
                return; // an unknown task (output of a task from another store), or output already cut
            }

            jobId = reader.GetInt64(0);
            index = reader.GetInt32(1);
            stored = reader.GetInt64(2);
        }

        var (data, cut) = OutputCap.Fit(chunk.Data, stored, c.Options.OutputCapBytes);
        c.Command(InsertOutput)
            .With("job", jobId).With("task", chunk.TaskId).With("idx", index).With("attempt", chunk.Attempt)
            .With("rank", chunk.Rank).With("stream", chunk.Stream).With("data", data.ToArray())
            .ExecuteNonQuery();
        c.Command(CountOutput)
            .With("id", chunk.TaskId).With("bytes", stored + data.Length).With("cut", cut)
            .ExecuteNonQuery();
    }
}
