using System.Globalization;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.FileSystem;

/// <summary>
/// <c>fs.create-check</c>: in each of <c>directories</c> (one path or a list), creates a small file (4 KiB,
/// fsync'ed), stats it and removes it, timing each step. Outputs <c>results</c>, one object per directory with
/// <c>create_ms</c>, <c>stat_ms</c> and <c>remove_ms</c>, and <c>slowest_ms</c>. Every directory is checked; the task
/// fails when any step errs or takes longer than <c>timeout_seconds</c> (default 10), and the message names each
/// directory and step that failed. A step that hangs is waited for no longer than the limit.
/// </summary>
[CycloneTask("fs.create-check")]
[TaskInput("directories", ValueTypes.Any)]
[TaskInput("timeout_seconds", ValueTypes.Number)]
[TaskOutput("results", ValueTypes.Array)]
[TaskOutput("slowest_ms", ValueTypes.Number)]
public sealed class FsCreateCheckTask(TimeProvider time) : ICycloneTask
{
    private const int MaxDirectories = 1000;

    private static readonly byte[] Content = new byte[4096];

    public FsCreateCheckTask()
        : this(TimeProvider.System)
    {
    }

    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directories = TaskInputs.Strings(context, "directories");
        if (directories.Count > MaxDirectories)
        {
            throw new TaskInputException($"input 'directories' lists {directories.Count} directories; at most {MaxDirectories} are checked by one task");
        }

        var limit = TimeSpan.FromSeconds(TaskInputs.Number(context, "timeout_seconds", 10, 0.001, 3600));
        var results = new JsonArray();
        var failures = new List<string>();
        var slowest = 0.0;
        foreach (var directory in directories)
        {
            var path = Path.Combine(directory, ScratchFiles.Name("create-check"));
            var result = new JsonObject { ["directory"] = directory };
            foreach (var (step, action) in Steps(path))
            {
                var (ms, failure) = await TimeStepAsync(action, limit, cancellationToken);
                if (failure is not null)
                {
                    failures.Add($"directory '{directory}': {step} {failure}");
                    if (step == "stat")
                    {
                        ScratchFiles.Remove(path, context.Output);
                    }

                    break;
                }

                result[$"{step}_ms"] = ms;
                slowest = System.Math.Max(slowest, ms);
            }

            results.Add(result);
            await context.Output.WriteLineAsync($"fs.create-check {result.ToJsonString()}");
        }

        if (failures.Count > 0)
        {
            throw new TaskFailedException($"fs.create-check: {failures.Count} of {directories.Count} directories failed: {string.Join("; ", failures)}");
        }

        return new JsonObject { ["results"] = results, ["slowest_ms"] = slowest };
    }

    private static IEnumerable<(string Step, Action Action)> Steps(string path)
    {
        yield return ("create", () =>
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            file.Write(Content);
            file.Flush(flushToDisk: true);
        });
        yield return ("stat", () =>
        {
            if (new FileInfo(path) is not { Exists: true, Length: 4096 })
            {
                throw new IOException("a stat does not find the 4 KiB file just written");
            }
        });
        yield return ("remove", () => File.Delete(path));
    }

    /// <summary>Runs one step off the caller's thread; its time in ms, or why it failed.</summary>
    private async Task<(double Ms, string? Failure)> TimeStepAsync(Action action, TimeSpan limit, CancellationToken cancellationToken)
    {
        var seconds = limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var start = time.GetTimestamp();
        try
        {
            await Task.Run(action, cancellationToken).WaitAsync(limit, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return (0, $"did not finish within the limit of {seconds} s");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (0, $"failed: {ex.Message}");
        }

        var elapsed = time.GetElapsedTime(start);
        var ms = elapsed.TotalMilliseconds;
        return elapsed > limit
            ? (ms, $"took {ms.ToString("0.###", CultureInfo.InvariantCulture)} ms, more than the limit of {seconds} s")
            : (ms, null);
    }
}
