using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>
/// What a task emits for the hub's result sinks, routed by sink name: rows (a JSON object of column → value, for a
/// database sink) and metrics (a name, a value and labels, for a Pushgateway sink). They are delivered only when the
/// attempt completes: a failed attempt's results are dropped, and a retry emits its own. Each row keeps its index in
/// emission order, which with the task and the attempt makes it unique (the sinks' idempotency key).
/// </summary>
public sealed class TaskResults
{
    /// <summary>The key under which results travel inside a task's outputs; an output port cannot have this name.</summary>
    public const string OutputsKey = "$results";

    /// <summary>Most items one attempt may emit, over all sinks.</summary>
    public const int MaxItems = 1_000_000;

    private readonly Dictionary<string, JsonArray> _bySink = new(StringComparer.Ordinal);

    /// <summary>Items emitted so far, over all sinks.</summary>
    public int Count { get; private set; }

    /// <summary>Emits a row for sink <paramref name="sink"/>: column name → value (strings, numbers, booleans, null).</summary>
    /// <exception cref="TaskInputException">The sink name or a column is not usable; the message says which.</exception>
    public void AddRow(string sink, JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var (column, value) in row)
        {
            if (!SinkNames.IsName(column))
            {
                throw new TaskInputException($"row for sink '{sink}': column name '{column}' is not a name (letters, digits and _; at most 64)");
            }

            if (value is JsonObject or JsonArray)
            {
                throw new TaskInputException($"row for sink '{sink}': column '{column}' holds {value.GetValueKind()}; only strings, numbers, booleans and null fit a column");
            }
        }

        Add(sink, row.DeepClone());
    }

    /// <summary>Emits a row for sink <paramref name="sink"/> from an object's public properties (serialized with System.Text.Json).</summary>
    public void AddRow<T>(string sink, T row) where T : notnull =>
        AddRow(sink, JsonSerializer.SerializeToNode(row) as JsonObject ?? throw new TaskInputException($"row for sink '{sink}': {typeof(T).Name} is not an object"));

    /// <summary>
    /// Emits a metric sample for sink <paramref name="sink"/>: <paramref name="name"/> (a Prometheus metric name) with
    /// <paramref name="value"/> and optional labels; <paramref name="help"/> is its description.
    /// </summary>
    /// <exception cref="TaskInputException">The name or a label is not a Prometheus name; the message says which.</exception>
    public void AddMetric(string sink, string name, double value, IReadOnlyDictionary<string, string>? labels = null, string? help = null)
    {
        if (!SinkNames.IsMetricName(name))
        {
            throw new TaskInputException($"metric for sink '{sink}': '{name}' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }

        var labelObject = new JsonObject();
        foreach (var (label, text) in labels ?? new Dictionary<string, string>())
        {
            if (!SinkNames.IsLabelName(label))
            {
                throw new TaskInputException($"metric '{name}' for sink '{sink}': '{label}' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
            }

            labelObject[label] = text;
        }

        var metric = new JsonObject { ["name"] = name, ["value"] = double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture) };
        if (labelObject.Count > 0)
        {
            metric["labels"] = labelObject;
        }

        if (!string.IsNullOrEmpty(help))
        {
            metric["help"] = help;
        }

        Add(sink, metric);
    }

    /// <summary>The results as they travel in the outputs (sink → items), or null when nothing was emitted.</summary>
    public JsonObject? ToJson()
    {
        if (Count == 0)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (sink, items) in _bySink)
        {
            json[sink] = items.DeepClone();
        }

        return json;
    }

    private void Add(string sink, JsonNode item)
    {
        if (!SinkNames.IsName(sink))
        {
            throw new TaskInputException($"'{sink}' is not a sink name (letters, digits and _; at most 64)");
        }

        if (Count >= MaxItems)
        {
            throw new TaskInputException($"a task may emit at most {MaxItems} results in one attempt");
        }

        if (!_bySink.TryGetValue(sink, out var items))
        {
            _bySink[sink] = items = [];
        }

        items.Add(item);
        Count++;
    }
}
