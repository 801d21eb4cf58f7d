using System.Text;
using System.Text.Json.Nodes;
using Cyclone.Core.Parsing;
using Cyclone.Core.Scheduling;
using Cyclone.Hub.Agents;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;

namespace Cyclone.Hub.Api.Pull;

/// <summary>
/// Checks the pull API's requests before anything changes, collecting every problem keyed by the field it is in
/// (<c>max</c>, <c>tasks[3].attempt</c>), and turns valid ones into what the scheduler takes.
/// </summary>
internal static class PullValidation
{
    public const int MaxTasks = 1000;
    public const int MaxLeaseSeconds = 86_400;
    public const int MaxWaitSeconds = 300;
    public const int MaxMessageLength = 4000;

    /// <summary>Largest outputs object, serialized (as for agents).</summary>
    public const int MaxOutputsBytes = 1 << 20;

    /// <summary>What a lease request asks of the scheduler, how long to wait, and its lease time.</summary>
    public sealed record LeaseOrder(PullAsk Ask, TimeSpan Wait, int LeaseSeconds);

    public static LeaseOrder? Lease(TaskLeaseRequest request, Caller caller, Dictionary<string, string[]> errors)
    {
        var worker = WorkerName(request.Worker, caller, "worker", errors);
        var labels = request.Labels ?? [];
        if (labels.Count > RunnerRegistrationRules.MaxLabels || labels.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > RunnerRegistrationRules.MaxLabelLength))
        {
            Add(errors, "labels", $"give at most {RunnerRegistrationRules.MaxLabels} labels of 1 to {RunnerRegistrationRules.MaxLabelLength} characters each");
        }

        var max = Range(request.Max, 1, MaxTasks, 1, "max", errors);
        var lease = Range(request.LeaseSeconds, 1, MaxLeaseSeconds, (int)PullWorkers.DefaultLease.TotalSeconds, "leaseSeconds", errors);
        var wait = Range(request.WaitSeconds, 0, MaxWaitSeconds, 0, "waitSeconds", errors);
        if (errors.Count > 0 || worker is null)
        {
            return null;
        }

        // users lease their own tasks; agents (and administrators) serve everyone
        var owner = caller.IsAdmin || caller.Role == AccessRole.Agent ? null : caller.Name;
        var ask = new PullAsk(worker, labels.Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal), owner, max, TimeSpan.FromSeconds(lease));
        return new LeaseOrder(ask, TimeSpan.FromSeconds(wait), lease);
    }

    /// <summary>One report; <paramref name="where"/> prefixes its fields (<c>tasks[2].</c> in a batch).</summary>
    public static PullReport? Report(TaskReportRequest request, PullAction action, long? pathId, string where, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var id = pathId ?? request.Id;
        if (id is null or < 1)
        {
            Add(errors, where + "id", "give the id of the task (a positive number)");
        }
        else if (pathId is not null && request.Id is { } bodyId && bodyId != pathId)
        {
            Add(errors, where + "id", $"the body names task {bodyId} but the path task {pathId}");
        }

        if (request.Attempt is < 1)
        {
            Add(errors, where + "attempt", $"the attempt must be 1 or more (is {request.Attempt})");
        }

        var exitCode = request.ExitCode ?? (action == PullAction.Fail ? 1 : 0);
        if (action == PullAction.Fail && exitCode == 0)
        {
            Add(errors, where + "exitCode", "a failed task's exit code is not 0; leave it out for 1");
        }
        else if (request.ExitCode is not null && action is PullAction.Heartbeat or PullAction.Release)
        {
            Add(errors, where + "exitCode", $"a {Verb(action)} takes no exit code");
        }

        if (request.Message is { Length: > MaxMessageLength })
        {
            Add(errors, where + "message", $"the message has {request.Message.Length} characters; at most {MaxMessageLength} are allowed");
        }

        string? outputs = null;
        if (request.Outputs is { } given)
        {
            outputs = JsonText(given);
            if (outputs is null)
            {
                Add(errors, where + "outputs", "the outputs hold text that is not valid Unicode (a lone surrogate such as \\ud800)");
            }
            else if (action != PullAction.Complete)
            {
                Add(errors, where + "outputs", $"only complete takes outputs, not a {Verb(action)}");
            }
            else if (Encoding.UTF8.GetByteCount(outputs) > MaxOutputsBytes)
            {
                Add(errors, where + "outputs", $"the outputs are larger than {MaxOutputsBytes} bytes (move large data by path)");
            }
        }

        return errors.Count > before ? null : new PullReport(id!.Value, request.Attempt, exitCode, request.Message, outputs);
    }

    /// <summary>The scheduler's name of the caller's worker <paramref name="worker"/> (its user name when null); null when invalid.</summary>
    public static string? WorkerName(string? worker, Caller caller, string field, Dictionary<string, string[]> errors)
    {
        if (worker is not null && !PullWorkers.IsValidWorker(worker))
        {
            Add(errors, field, $"'{Excerpt.Of(worker)}' is not a worker name: use 1 to 100 letters, digits, '_', '.', '-' or '@'");
            return null;
        }

        return PullWorkers.NameOf(caller.Name, worker ?? caller.Name);
    }

    /// <summary>A number within a range, or its default when not given.</summary>
    public static int Range(int? value, int min, int max, int fallback, string field, Dictionary<string, string[]> errors)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(errors, field, $"{field} must be between {min} and {max} (is {v})");
        }

        return value ?? fallback;
    }

    /// <summary>The object as JSON text; null when it holds strings that cannot be written (lone UTF-16 surrogates).</summary>
    private static string? JsonText(JsonObject value)
    {
        try
        {
            return value.ToJsonString();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    public static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public static string Verb(PullAction action) => action.ToString().ToLowerInvariant();
}
