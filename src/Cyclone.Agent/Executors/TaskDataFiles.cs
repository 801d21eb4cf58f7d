using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors;

/// <summary>
/// The files through which a command task exchanges data with the workflow: its inputs as a JSON
/// object in <c>$CYCLONE_INPUTS</c> (each also in <c>CYCLONE_INPUT_NAME</c>), and the JSON object it
/// may write to <c>$CYCLONE_OUTPUTS</c>, read back when it exits successfully.
/// </summary>
public sealed class TaskDataFiles : IDisposable
{
    /// <summary>Largest outputs file accepted: outputs are small values; large data moves by path.</summary>
    public const int MaxOutputBytes = 1024 * 1024;

    private readonly string _directory;

    private TaskDataFiles(string directory, IReadOnlyDictionary<string, string> environment)
    {
        _directory = directory;
        Environment = environment;
    }

    /// <summary>Variables to add to every process of the attempt.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public string OutputsPath => Path.Combine(_directory, "outputs.json");

    /// <summary>Creates the attempt's private directory with its inputs file.</summary>
    public static TaskDataFiles Create(Lease lease)
    {
        var directory = Directory.CreateTempSubdirectory($"cyclone-{lease.TaskId}-{lease.Attempt}-{lease.NodeIndex}-").FullName;
        return new TaskDataFiles(directory, WriteInputs(lease, directory));
    }

    /// <summary>
    /// Writes the inputs file of <paramref name="lease"/> into <paramref name="directory"/> (which exists); answers the
    /// variables that point the task at it and at its outputs file there.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WriteInputs(Lease lease, string directory)
    {
        var inputsPath = Path.Combine(directory, "inputs.json");
        var inputsJson = string.IsNullOrEmpty(lease.InputsJson) ? "{}" : lease.InputsJson;
        File.WriteAllText(inputsPath, inputsJson, new UTF8Encoding(false));
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CYCLONE_INPUTS"] = inputsPath,
            ["CYCLONE_OUTPUTS"] = Path.Combine(directory, "outputs.json"),
        };
        if (JsonNode.Parse(inputsJson) is JsonObject inputs)
        {
            foreach (var (name, value) in inputs)
            {
                env["CYCLONE_INPUT_" + VariableName(name)] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>()
                    : value?.ToJsonString() ?? "null";
            }
        }

        return env;
    }

    /// <summary>
    /// The outputs the task wrote: null when it wrote none; an error when the file is too large or
    /// not a JSON object.
    /// </summary>
    public (string? Outputs, string? Error) ReadOutputs() => ReadOutputs(OutputsPath);

    /// <summary>The outputs in the file at <paramref name="outputsPath"/>, as <see cref="ReadOutputs()"/> reads them.</summary>
    public static (string? Outputs, string? Error) ReadOutputs(string outputsPath)
    {
        var info = new FileInfo(outputsPath);
        if (!info.Exists || info.Length == 0)
        {
            return (null, null);
        }

        if (info.Length > MaxOutputBytes)
        {
            return (null, $"the outputs file ($CYCLONE_OUTPUTS) has {info.Length} bytes; at most {MaxOutputBytes} are allowed (move large data by path)");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllBytes(outputsPath)) is JsonObject outputs
                ? (outputs.ToJsonString(), null)
                : (null, "the outputs file ($CYCLONE_OUTPUTS) must hold a JSON object, such as {\"count\": 3}");
        }
        catch (JsonException ex)
        {
            return (null, $"the outputs file ($CYCLONE_OUTPUTS) is not valid JSON: {ex.Message}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a process of the task may still hold it; the temp directory is cleaned by the system
        }
    }

    private static string VariableName(string input)
    {
        var b = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return b.ToString().ToString(CultureInfo.InvariantCulture);
    }
}
