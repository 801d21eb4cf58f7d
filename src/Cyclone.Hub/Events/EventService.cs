using System.Text.Json;
using Cyclone.Core.Workflows;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Workflows;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Events;

/// <summary>
/// Named events: recorded durably, then handed to the tasks waiting for them (their data becomes the
/// waiting node's <c>data</c> output) and to the workflows they trigger (a run of the newest version each).
/// </summary>
public sealed partial class EventService(IStore store, SchedulerLoop loop, WorkflowService workflows, TimeProvider time, ILogger<EventService> logger)
{
    /// <summary>Largest event data accepted.</summary>
    public const int MaxDataBytes = 64 * 1024;

    public async Task<EventPushResult> PushAsync(string name, string? dataJson, string user, CancellationToken ct)
    {
        var problems = new List<WorkflowProblem>();
        if (!IsValidName(name))
        {
            problems.Add(new WorkflowProblem("name", $"'{name}' is not an event name: use 1-200 letters, digits, '.', '_', ':' or '-'"));
        }

        var data = string.IsNullOrWhiteSpace(dataJson) ? "null" : dataJson.Trim();
        if (data.Length > MaxDataBytes)
        {
            problems.Add(new WorkflowProblem("data", $"the event data has {data.Length} characters; at most {MaxDataBytes} are allowed"));
        }
        else
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                data = JsonSerializer.Serialize(doc.RootElement);
            }
            catch (JsonException ex)
            {
                problems.Add(new WorkflowProblem("data", $"the event data is not JSON: {ex.Message}"));
            }
        }

        if (problems.Count > 0)
        {
            throw new WorkflowInvalidException("The event is not valid", problems);
        }

        var at = time.GetUtcNow();
        var id = await store.RecordEventAsync(name, data, user, at, ct);
        var delivered = await loop.DeliverEventAsync(name, data, at, ct);
        var runs = new List<long>();
        foreach (var (_, workflow) in await store.ListTriggersAsync(name, ct))
        {
            try
            {
                runs.Add((await workflows.ExecuteAsync(workflow, null, user, ct)).JobId);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or WorkflowInvalidException)
            {
                LogTriggerFailed(name, workflow, ex.Message);
            }
        }

        await store.CompleteEventAsync(id, delivered, runs, ct);
        LogPushed(name, id, delivered, runs.Count);
        return new EventPushResult(id, name, delivered, runs);
    }

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 200 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Name} ({Id}) completed {Delivered} waiting task(s) and started {Runs} run(s)")]
    private partial void LogPushed(string name, long id, int delivered, int runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Name} could not start workflow {Workflow}: {Reason}")]
    private partial void LogTriggerFailed(string name, string workflow, string reason);
}
