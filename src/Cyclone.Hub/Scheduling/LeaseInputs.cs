using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Scheduling;

/// <summary>
/// Builds each leased task's inputs: its fixed parameters, overlaid with the outputs of the upstream
/// tasks its input bindings name (a multi input receives a list, in binding order). Outputs are read
/// from the store in one query per job.
/// </summary>
internal static class LeaseInputs
{
    public static async Task<IReadOnlyDictionary<long, string>> ResolveAsync(
        IStore store, IReadOnlyDictionary<long, TaskPayload> payloads, IReadOnlyDictionary<long, long> jobOfTask, CancellationToken ct)
    {
        var result = new Dictionary<long, string>();
        var needed = payloads.Where(p => p.Value.InputBindings is { Count: > 0 } || p.Value.Parameters is not null).ToList();
        if (needed.Count == 0)
        {
            return result;
        }

        var outputsByJob = new Dictionary<long, IReadOnlyDictionary<int, string>>();
        foreach (var group in needed.Where(p => p.Value.InputBindings is { Count: > 0 }).GroupBy(p => jobOfTask[p.Key]))
        {
            var indices = group.SelectMany(p => p.Value.InputBindings!).Select(b => b.UpstreamIndex).Distinct().ToList();
            outputsByJob[group.Key] = await store.GetOutputsAsync(group.Key, indices, ct);
        }

        foreach (var (taskId, payload) in needed)
        {
            var inputs = payload.Parameters is null ? [] : JsonNode.Parse(payload.Parameters) as JsonObject ?? [];
            if (payload.InputBindings is { Count: > 0 } bindings)
            {
                var outputs = outputsByJob[jobOfTask[taskId]];
                var parsed = new Dictionary<int, JsonObject?>();
                foreach (var binding in bindings)
                {
                    if (!parsed.TryGetValue(binding.UpstreamIndex, out var upstream))
                    {
                        upstream = outputs.TryGetValue(binding.UpstreamIndex, out var text) ? JsonNode.Parse(text) as JsonObject : null;
                        parsed[binding.UpstreamIndex] = upstream;
                    }

                    var value = upstream?[binding.Output]?.DeepClone();
                    if (binding.Multi)
                    {
                        if (inputs[binding.Input] is not JsonArray list)
                        {
                            inputs[binding.Input] = list = [];
                        }

                        list.Add(value);
                    }
                    else
                    {
                        inputs[binding.Input] = value;
                    }
                }
            }

            result[taskId] = inputs.ToJsonString();
        }

        return result;
    }

    /// <summary>Fills <c>{name}</c> placeholders of a command template from the inputs (strings as they are, other values as JSON).</summary>
    public static IReadOnlyList<string> ExpandTemplate(IReadOnlyList<string> template, string? inputsJson)
    {
        if (inputsJson is null || JsonNode.Parse(inputsJson) is not JsonObject inputs || inputs.Count == 0)
        {
            return template;
        }

        return template.Select(arg =>
        {
            foreach (var (name, value) in inputs)
            {
                var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";
                arg = arg.Replace("{" + name + "}", text, StringComparison.Ordinal);
            }

            return arg;
        }).ToList();
    }
}
