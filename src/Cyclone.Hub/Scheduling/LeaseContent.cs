using System.Globalization;
using Cyclone.Core.Scheduling;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Scheduling;

/// <summary>
/// What a lease carries from a task's stored payload, built the same way for an agent's stream and for a pull
/// worker: the command (a command template's placeholders filled from the inputs), the inputs, and the variables
/// added on top of the environment (an array element's <c>CYCLONE_ARRAY_TASK_ID</c> and <c>CYCLONE_ARRAY_TASK_COUNT</c>).
/// </summary>
internal sealed record LeaseContent(TaskPayload Payload, IReadOnlyList<string> Command, string? InputsJson, IReadOnlyDictionary<string, string> ExtraEnvironment)
{
    private static readonly Dictionary<string, string> None = [];

    /// <summary>A typed task's kind (its class runs it); null for a command, a command template's included.</summary>
    public string? Kind => Payload.TaskClass is null ? null : Payload.Kind;

    public static LeaseContent Of(TaskPayload payload, string? inputsJson)
    {
        var command = payload.Kind is not null && payload.TaskClass is null
            ? LeaseInputs.ExpandTemplate(payload.Command, inputsJson)
            : payload.Command;
        IReadOnlyDictionary<string, string> extra = payload.ExtraEnvironment ?? None;
        if (payload.ArrayCount is { } elements)
        {
            extra = new Dictionary<string, string>(extra, StringComparer.Ordinal)
            {
                ["CYCLONE_ARRAY_TASK_ID"] = payload.TaskIndex.ToString(CultureInfo.InvariantCulture),
                ["CYCLONE_ARRAY_TASK_COUNT"] = elements.ToString(CultureInfo.InvariantCulture),
            };
        }

        return new LeaseContent(payload, command, inputsJson, extra);
    }

    /// <summary>The contents of the leased tasks by task id: their payloads in one read, their inputs in one read per job.</summary>
    public static async Task<IReadOnlyDictionary<long, LeaseContent>> LoadAsync(IStore store, IReadOnlyCollection<LeaseGrant> grants, CancellationToken ct)
    {
        var payloads = await store.GetPayloadsAsync(grants.Select(g => g.TaskId).Distinct().ToList(), ct);
        var jobOfTask = grants.GroupBy(g => g.TaskId).ToDictionary(g => g.Key, g => g.First().JobId);
        var inputs = await LeaseInputs.ResolveAsync(store, payloads, jobOfTask, ct);
        return payloads.ToDictionary(p => p.Key, p => Of(p.Value, inputs.GetValueOrDefault(p.Key)));
    }
}
