using Cyclone.Protocol.Agent;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// A typed task (a built-in kind or a plugin class) run through Slurm: the job's command is the <c>cyclone</c> program's
/// hidden <c>task exec LEASE-FILE</c> verb, which runs the lease's kind with its inputs on the compute node, writes what
/// the task writes to stdout, and its outputs (with its result sets) to <c>$CYCLONE_OUTPUTS</c>, as a command task
/// would; the agent then reports them like a process task's.
/// </summary>
public static class SlurmTypedTask
{
    /// <summary>Exit status of <c>task exec</c> when the task cannot be run at all (an unreadable lease, an unknown kind).</summary>
    public const int NotRunnable = 125;

    /// <summary>The job's command for a typed lease whose file is <paramref name="leaseFile"/>.</summary>
    public static IReadOnlyList<string> Command(IReadOnlyList<string> program, string leaseFile, string? pluginDirectory) =>
        string.IsNullOrEmpty(pluginDirectory)
            ? [.. program, "task", "exec", leaseFile]
            : [.. program, "task", "exec", leaseFile, "--plugins", Path.GetFullPath(pluginDirectory)];

    /// <summary>
    /// Runs the typed task of the lease in <paramref name="leaseFile"/> (kinds from <paramref name="pluginDirectory"/> as
    /// well as the built-in ones); answers the exit status: 0, the task's failure code, or <see cref="NotRunnable"/>.
    /// </summary>
    public static async Task<int> ExecAsync(string leaseFile, string? pluginDirectory, TextWriter output, TextWriter error, CancellationToken ct)
    {
        Lease lease;
        try
        {
            lease = Lease.Parser.ParseFrom(await File.ReadAllBytesAsync(leaseFile, ct));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Google.Protobuf.InvalidProtocolBufferException)
        {
            await error.WriteLineAsync($"cannot read the lease '{leaseFile}': {ex.Message}");
            return NotRunnable;
        }

        var catalog = TaskCatalog.Builtin;
        if (!string.IsNullOrEmpty(pluginDirectory))
        {
            (catalog, var warnings) = TaskPluginLoader.LoadDirectory(pluginDirectory);
            foreach (var warning in warnings)
            {
                await error.WriteLineAsync($"plugin not loaded: {warning}");
            }
        }

        var (task, problem) = TypedTaskRun.Create(catalog, lease.Kind);
        if (task is null)
        {
            await error.WriteLineAsync(problem);
            return NotRunnable;
        }

        var (exitCode, _, outputs) = await TypedTaskRun.RunAsync(task, lease, output, ct);
        await output.FlushAsync(ct);
        if (exitCode == 0 && outputs is not null && Environment.GetEnvironmentVariable("CYCLONE_OUTPUTS") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, outputs, ct);
        }

        return exitCode;
    }
}
