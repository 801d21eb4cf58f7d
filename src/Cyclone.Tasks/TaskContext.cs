using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>
/// What a typed task gets: its inputs (input name → value; a multi input receives a list), which job, task
/// and attempt it is, a writer whose text goes to its log, and <see cref="Results"/>, where it emits rows and metrics for
/// the hub's result sinks. The helpers read an input as a given type
/// and throw a <see cref="TaskInputException"/> naming the input when it is missing or of another kind.
/// </summary>
public sealed class TaskContext(JsonObject inputs, long jobId, long taskId, int attempt, string taskName, TextWriter output)
{
    /// <summary>Input name → value; a multi input is a list.</summary>
    public JsonObject Inputs { get; } = inputs;

    public long JobId { get; } = jobId;

    public long TaskId { get; } = taskId;

    public int Attempt { get; } = attempt;

    public string TaskName { get; } = taskName;

    /// <summary>What the task writes here goes to its log.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Rows and metrics for the hub's result sinks, by sink name; delivered when the attempt completes.</summary>
    public TaskResults Results { get; } = new();

    /// <summary>The numbers of an input: one number, or every number of a list (which may be empty).</summary>
    public IReadOnlyList<double> GetNumbers(string input)
    {
        var value = Required(input);
        if (value is not JsonArray list)
        {
            return [Number(input, value)];
        }

        var numbers = new double[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            numbers[i] = JsonScalars.TryGetNumber(list[i], out var n)
                ? n
                : throw new TaskInputException($"input '{input}' must be a list of numbers; item {i} is {JsonScalars.Describe(list[i])}");
        }

        return numbers;
    }

    /// <summary>A single number (a one-element list is accepted).</summary>
    public double GetNumber(string input) => Number(input, Single(input));

    /// <summary>A single integer: a number without a fraction that fits a long (a one-element list is accepted).</summary>
    public long GetInteger(string input)
    {
        var value = Single(input);
        return JsonScalars.TryGetInteger(value, out var n)
            ? n
            : throw new TaskInputException($"input '{input}' must be an integer, not {JsonScalars.Describe(value)}");
    }

    /// <summary>A single string (a one-element list is accepted).</summary>
    public string GetString(string input)
    {
        var value = Single(input);
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new TaskInputException($"input '{input}' must be a string, not {JsonScalars.Describe(value)}");
    }

    /// <summary>An input deserialized with System.Text.Json; default when it is missing or null.</summary>
    public T? Get<T>(string input)
    {
        if (Inputs[input] is not { } value)
        {
            return default;
        }

        try
        {
            return value.Deserialize<T>();
        }
        catch (JsonException ex)
        {
            throw new TaskInputException($"input '{input}' cannot be read as {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private JsonNode Required(string input)
    {
        if (!Inputs.TryGetPropertyValue(input, out var value))
        {
            throw new TaskInputException($"input '{input}' is missing");
        }

        return value ?? throw new TaskInputException($"input '{input}' is null");
    }

    private JsonNode Single(string input)
    {
        var value = Required(input);
        if (value is not JsonArray list)
        {
            return value;
        }

        if (list.Count != 1)
        {
            throw new TaskInputException($"input '{input}' must be one value, not a list of {list.Count}");
        }

        return list[0] ?? throw new TaskInputException($"input '{input}' is null");
    }

    private static double Number(string input, JsonNode value)
    {
        if (JsonScalars.TryGetNumber(value, out var n))
        {
            return n;
        }

        throw new TaskInputException(JsonScalars.IsNumber(value)
            ? $"input '{input}' is out of the range of a double: {JsonScalars.Describe(value)}"
            : $"input '{input}' must be a number, not {JsonScalars.Describe(value)}");
    }
}
