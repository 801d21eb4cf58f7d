using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Scheduling;
using Cyclone.Tasks;

namespace Cyclone.Hub.Sinks;

/// <summary>
/// Takes the results a completing attempt reported inside its outputs (key <c>$results</c>: sink name → array of items)
/// out of them, into <see cref="TaskTransition.Results"/>, so that they are stored with the completion and only there.
/// </summary>
public static class ResultSplitter
{
    private const string Marker = "\"" + TaskResults.OutputsKey + "\"";

    /// <summary>
    /// The transition with its results apart, or itself when it carries none. Sets that are not an array of JSON objects
    /// under a sink name are dropped and described in <paramref name="dropped"/>.
    /// </summary>
    public static TaskTransition Split(TaskTransition transition, out string? dropped)
    {
        dropped = null;
        if (transition.Outputs is not { } text || !text.Contains(Marker, StringComparison.Ordinal))
        {
            return transition;
        }

        JsonObject outputs;
        try
        {
            outputs = JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return transition;
        }

        if (!outputs.Remove(TaskResults.OutputsKey, out var results))
        {
            return transition;
        }

        var sets = new List<TaskResultSet>();
        var problems = new List<string>();
        if (results is JsonObject bySink)
        {
            foreach (var (sink, items) in bySink)
            {
                if (!SinkNames.IsName(sink))
                {
                    problems.Add($"'{Core.Parsing.Excerpt.Of(sink)}' is not a sink name");
                }
                else if (items is not JsonArray array || array.Any(i => i is not JsonObject))
                {
                    problems.Add($"the results for sink '{sink}' are not an array of JSON objects");
                }
                else if (array.Count > 0)
                {
                    sets.Add(new TaskResultSet(sink, array.ToJsonString(), array.Count));
                }
            }
        }
        else
        {
            problems.Add($"{TaskResults.OutputsKey} is not an object of sink name → items");
        }

        dropped = problems.Count > 0 ? string.Join("; ", problems) : null;
        return transition with { Outputs = outputs.ToJsonString(), Results = sets.Count > 0 ? sets : null };
    }
}
