using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.FileSystem;

/// <summary>
/// <c>fs.benchmark</c>: measures a directory's file system. In a scratch directory of its own inside
/// <c>directory</c> it writes <c>size_mib</c> MiB sequentially in <c>block_kib</c> KiB blocks and fsyncs the file,
/// reads it back, then creates, stats and removes <c>metadata_files</c> empty files; it removes everything it made.
/// Outputs <c>write_mib_per_s</c> (fsync included), <c>read_mib_per_s</c> (the page cache may serve the read) and
/// <c>metadata_ops_per_s</c> (each create, stat and remove counts as one operation).
/// </summary>
[CycloneTask("fs.benchmark")]
[TaskInput("directory", ValueTypes.String)]
[TaskInput("size_mib", ValueTypes.Integer)]
[TaskInput("block_kib", ValueTypes.Integer)]
[TaskInput("metadata_files", ValueTypes.Integer)]
[TaskOutput("write_mib_per_s", ValueTypes.Number)]
[TaskOutput("read_mib_per_s", ValueTypes.Number)]
[TaskOutput("metadata_ops_per_s", ValueTypes.Number)]
public sealed class FsBenchmarkTask(TimeProvider time) : ICycloneTask
{
    public FsBenchmarkTask()
        : this(TimeProvider.System)
    {
    }

    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = ScratchFiles.ExistingDirectory("directory", context.GetString("directory"));
        var sizeMib = TaskInputs.Integer(context, "size_mib", 64, 1, 65_536);
        var blockKib = TaskInputs.Integer(context, "block_kib", 1024, 4, 65_536);
        var files = TaskInputs.Integer(context, "metadata_files", 1000, 1, 1_000_000);
        var scratch = Path.Combine(directory, ScratchFiles.Name("benchmark"));
        try
        {
            Directory.CreateDirectory(scratch);
            var data = Path.Combine(scratch, "data");
            var block = new byte[blockKib * 1024];
            Random.Shared.NextBytes(block);
            var bytes = sizeMib << 20;
            var write = await TimeAsync(() => WriteAsync(data, block, bytes, cancellationToken));
            var read = await TimeAsync(() => ReadAsync(data, block, cancellationToken));
            var metadata = await TimeAsync(() => MetadataAsync(scratch, files, cancellationToken));
            var outputs = new JsonObject
            {
                ["write_mib_per_s"] = ScratchFiles.PerSecond(sizeMib, write),
                ["read_mib_per_s"] = ScratchFiles.PerSecond(sizeMib, read),
                ["metadata_ops_per_s"] = ScratchFiles.PerSecond(3 * files, metadata),
            };
            await context.Output.WriteLineAsync(
                $"fs.benchmark {directory}: wrote {sizeMib} MiB in {write.TotalSeconds:0.###} s, read it in {read.TotalSeconds:0.###} s, " +
                $"{files} files created, stat'ed and removed in {metadata.TotalSeconds:0.###} s: {outputs.ToJsonString()}");
            return outputs;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TaskFailedException($"fs.benchmark in '{directory}': {ex.Message}", ex);
        }
        finally
        {
            ScratchFiles.Remove(scratch, context.Output);
        }
    }

    private async Task<TimeSpan> TimeAsync(Func<Task> step)
    {
        var start = time.GetTimestamp();
        await step();
        return time.GetElapsedTime(start);
    }

    private static async Task WriteAsync(string path, byte[] block, long bytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
        for (long written = 0; written < bytes; written += block.Length)
        {
            await stream.WriteAsync(block.AsMemory(0, (int)System.Math.Min(block.Length, bytes - written)), cancellationToken);
        }

        stream.Flush(flushToDisk: true);
    }

    private static async Task ReadAsync(string path, byte[] block, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        while (await stream.ReadAsync(block, cancellationToken) > 0)
        {
        }
    }

    private static Task MetadataAsync(string scratch, long files, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            for (var i = 0; i < files; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = Path.Combine(scratch, $"m{i}");
                File.Create(path).Dispose();
                if (new FileInfo(path) is not { Exists: true, Length: 0 })
                {
                    throw new IOException($"{path} was created but a stat does not find it empty");
                }

                File.Delete(path);
            }
        },
        cancellationToken);
}
