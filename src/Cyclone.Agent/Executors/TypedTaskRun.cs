using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Agent;
using Cyclone.Tasks;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Agent.Executors;

/// <summary>
/// Runs one typed task for a lease, the same way inside the agent (<see cref="TypedTaskAttempt"/>) and inside a Slurm job
/// (<see cref="Slurm.SlurmTypedTask"/>): the lease's inputs in, its outputs (with the result sets it emitted) out.
/// </summary>
internal static class TypedTaskRun
{
    /// <summary>The task of the lease's kind, or null and why it cannot be made on this host.</summary>
    public static (ICycloneTask? Task, string Problem) Create(TaskCatalog catalog, string kind)
    {
        try
        {
            return catalog.Create(kind) is { } task
                ? (task, string.Empty)
                : (null, $"task kind '{kind}' is not known to the agent on host {Environment.MachineName}");
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"task kind '{kind}' could not be created on host {Environment.MachineName}: {ex.Message}");
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/>; what it writes goes to <paramref name="output"/>. Answers exit code 0 and the outputs
    /// (a JSON object), or the failure's exit code and message (also written to <paramref name="output"/>). A cancelled
    /// run throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Message, string? Outputs)> RunAsync(ICycloneTask task, Lease lease, TextWriter output, CancellationToken ct)
    {
        try
        {
            var inputs = string.IsNullOrEmpty(lease.InputsJson) ? [] : JsonNode.Parse(lease.InputsJson) as JsonObject ?? [];
            var context = new TaskContext(inputs, lease.JobId, lease.TaskId, lease.Attempt, lease.Kind, output);
            var outputs = await task.RunAsync(context, ct);
            if (context.Results.ToJson() is { } results)
            {
                outputs[TaskResults.OutputsKey] = results;
            }

            return (0, string.Empty, outputs.ToJsonString());
        }
        catch (TaskFailedException ex)
        {
            await output.WriteLineAsync($"{lease.Kind}: {ex.Message}");
            return (ex.ExitCode, $"{lease.Kind}: {ex.Message}", null);
        }
        catch (Exception ex) when (ex is TaskInputException or JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            await output.WriteLineAsync($"{lease.Kind}: {ex.Message}");
            return (1, $"{lease.Kind}: {ex.Message}", null);
        }
    }
}
