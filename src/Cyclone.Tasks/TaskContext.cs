using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>What a typed task gets: its inputs (a multi input is a list), who it is, and where its output goes.</summary>
public sealed class TaskContext(JsonObject inputs, long jobId, long taskId, int attempt, string taskName, TextWriter output)
{
    public JsonObject Inputs { get; } = inputs;

    public long JobId { get; } = jobId;

    public long TaskId { get; } = taskId;

    public int Attempt { get; } = attempt;

    public string TaskName { get; } = taskName;

    /// <summary>What the task writes here goes to its log.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>The numbers of an input: one number, or every number of a list.</summary>
    public IReadOnlyList<double> GetNumbers(string input)
    {
        var value = Inputs[input] ?? throw new TaskInputException($"input '{input}' is missing");
        return value is JsonArray list ? list.Select(v => Number(input, v)).ToList() : [Number(input, value)];
    }

    /// <summary>A single number (a one-element list is accepted).</summary>
    public double GetNumber(string input)
    {
        var numbers = GetNumbers(input);
        return numbers.Count == 1 ? numbers[0] : throw new TaskInputException($"input '{input}' must be one number, not {numbers.Count}");
    }

    public T? Get<T>(string input) => Inputs[input] is { } value ? value.Deserialize<T>() : default;

    private static double Number(string input, JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.Deserialize<double>()
            : throw new TaskInputException($"input '{input}' must be a number, not {value?.ToJsonString() ?? "null"}");
}
