using System.Globalization;
using System.Text.Json;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Parsing;
using Cyclone.Core.Resources;
using Cyclone.Core.Workflows;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Hub.Api;

/// <summary>
/// Checks a whole submission before anything is stored and turns it into a <see cref="NewJob"/>.
/// Every problem found is reported against the field it concerns.
/// </summary>
public static class JobSubmissionValidator
{
    private const int MaxArgs = 4096;
    private const int MaxLabels = 64;
    private const int MaxEnvVars = 10_000;
    private const int MaxName = 200;

    /// <summary>Most characters of a command, all arguments together (Linux allows about 2 MiB for arguments and environment).</summary>
    public const int MaxCommandChars = 256 * 1024;

    /// <summary>Most characters of the environment given, names and values together.</summary>
    public const int MaxEnvironmentChars = 1024 * 1024;

    /// <summary>Most characters of a typed task's parameters, as JSON.</summary>
    public const int MaxParameterChars = 1024 * 1024;

    /// <summary>
    /// Validates <paramref name="request"/>; returns the job, or null with <paramref name="errors"/> filled.
    /// The jobs named by <c>dependency</c> are returned apart: the caller checks they exist and adds them.
    /// The job belongs to <paramref name="user"/>, the caller. A typed task's kind is looked up in
    /// <paramref name="kinds"/> (the built-in kinds when null).
    /// </summary>
    public static NewJob? Validate(
        SubmitJobRequest request, string user, DateTimeOffset now, out Dictionary<string, string[]> errors,
        out IReadOnlyList<(DependencyKind Kind, long JobId)> dependencies, INodeKindCatalog? kinds = null)
    {
        dependencies = [];
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        var command = request.Command ?? [];
        NodeKindInfo? kind = null;
        string? parameters = null;
        if (request.Task is not null)
        {
            (kind, parameters) = CheckTypedTask(Add, request, kinds ?? TaskCatalog.Builtin);
        }
        else if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
        {
            Add("command", "the command is empty: give a program to run and its arguments");
        }
        else if (command.Count > MaxArgs)
        {
            Add("command", $"the command has {command.Count} arguments; at most {MaxArgs} are allowed");
        }
        else if (command.Any(a => a is null || a.Contains('\0', StringComparison.Ordinal)))
        {
            Add("command", "command arguments must not be null or contain NUL characters");
        }
        else if (command.Sum(a => (long)a.Length) is var chars and > MaxCommandChars)
        {
            Add("command", $"the command has {chars} characters; at most {MaxCommandChars} are allowed");
        }

        CheckRange(Add, "nodes", request.Nodes, 1, 10_000);
        CheckRange(Add, "procsPerNode", request.ProcsPerNode, 1, 10_000);
        CheckRange(Add, "cpusPerProc", request.CpusPerProc, 1, 10_000);
        CheckRange(Add, "gpus", request.Gpus, 0, 1024);
        CheckRange(Add, "retries", request.Retries, 0, 100);
        CheckRange(Add, "priority", request.Priority, -1_000_000, 1_000_000);

        long memory = 0;
        if (request.Memory is not null && !ByteSizeParser.TryParse(request.Memory, out memory, out var memError))
        {
            Add("memory", memError);
        }

        TimeSpan? timeLimit = null;
        if (request.TimeLimit is not null && !TimeLimitParser.TryParse(request.TimeLimit, out timeLimit, out var timeError))
        {
            Add("timeLimit", timeError);
        }

        var labels = (request.Labels ?? []).Select(l => l?.Trim() ?? "").Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count > MaxLabels || labels.Any(l => l.Length > 128 || l.Contains(',', StringComparison.Ordinal)))
        {
            Add("labels", $"at most {MaxLabels} labels of at most 128 characters each, without commas");
        }

        if (request.WorkingDirectory is { } wd && (!Path.IsPathFullyQualified(wd) || wd.Contains('\0', StringComparison.Ordinal)))
        {
            Add("workingDirectory", $"the working directory '{Excerpt.Of(wd)}' must be an absolute path");
        }

        if (request.Environment is { Count: > MaxEnvVars })
        {
            Add("environment", $"the environment has {request.Environment.Count} variables; at most {MaxEnvVars} are allowed");
        }
        else if (request.Environment?.Keys.Any(k => string.IsNullOrEmpty(k) || k.Contains('=', StringComparison.Ordinal) || k.Contains('\0', StringComparison.Ordinal)) == true)
        {
            Add("environment", "environment variable names must be non-empty and contain no '=' or NUL");
        }
        else if (request.Environment?.Sum(p => (long)p.Key.Length + (p.Value?.Length ?? 0)) is var envChars and > MaxEnvironmentChars)
        {
            Add("environment", $"the environment has {envChars} characters; at most {MaxEnvironmentChars} are allowed");
        }
        else if (request.Environment?.Values.Any(v => v is null || v.Contains('\0', StringComparison.Ordinal)) == true)
        {
            Add("environment", "environment variable values must not be null or contain NUL characters");
        }

        ArraySpec? array = null;
        if (request.Array is not null && !ArraySpecParser.TryParse(request.Array, out array, out var arrayError))
        {
            Add("array", arrayError);
        }

        if (request.Dependency is not null && !DependencySpecParser.TryParse(request.Dependency, out dependencies, out var depError))
        {
            Add("dependency", depError);
        }

        CheckPattern(Add, "outputPattern", request.OutputPattern);
        CheckPattern(Add, "errorPattern", request.ErrorPattern);
        if (request.Name is { Length: > MaxName })
        {
            Add("name", $"the name is {request.Name.Length} characters long; at most {MaxName} are allowed");
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        if (errors.Count > 0)
        {
            return null;
        }

        return Build(request, user, command, labels, memory, timeLimit, array, now, kind, parameters);
    }

    private static (NodeKindInfo? Kind, string? Parameters) CheckTypedTask(Action<string, string> add, SubmitJobRequest request, INodeKindCatalog kinds)
    {
        if (request.Command is { Count: > 0 })
        {
            add("task", "give either a command or a typed task, not both");
        }

        if (request.Nodes != 1 || request.ProcsPerNode != 1)
        {
            add("task", "a typed task runs as one process on one node: nodes and procsPerNode must be 1");
        }

        var kind = string.IsNullOrWhiteSpace(request.Task) ? null : kinds.Find(request.Task.Trim());
        if (kind is null)
        {
            add("task", string.IsNullOrWhiteSpace(request.Task)
                ? "the task kind is empty: give a kind such as noop or math.Add"
                : $"there is no task kind '{Excerpt.Of(request.Task)}'; GET /api/v1/kinds lists them");
        }
        else if (kind.TaskClass is null)
        {
            add("task", $"kind '{kind.Kind}' is a command template, not a typed task; use it as a node of a workflow");
            kind = null;
        }

        var parameters = request.Parameters is { Count: > 0 } p ? p.ToJsonString() : null;
        if (parameters is { Length: > MaxParameterChars })
        {
            add("parameters", $"the parameters have {parameters.Length} characters as JSON; at most {MaxParameterChars} are allowed");
        }

        return (kind, parameters);
    }

    private static NewJob Build(
        SubmitJobRequest request, string user, IReadOnlyList<string> command, List<string> labels, long memory, TimeSpan? timeLimit, ArraySpec? array,
        DateTimeOffset now, NodeKindInfo? kind, string? parameters)
    {
        var name = !string.IsNullOrWhiteSpace(request.Name) ? request.Name.Trim() : kind?.Kind ?? Path.GetFileName(command[0]);
        var demand = new NodeDemand(request.CpusPerProc * request.ProcsPerNode, memory, request.Gpus, labels);
        var payload = new TaskPayload
        {
            Command = command,
            ProcsPerNode = request.ProcsPerNode,
            CpusPerProc = request.CpusPerProc,
            WorkingDirectory = request.WorkingDirectory,
            Environment = request.Environment,
            OutputPattern = request.OutputPattern,
            ErrorPattern = request.ErrorPattern,
            User = user,
            TaskIndex = 0,
            Kind = kind?.Kind,
            TaskClass = kind?.TaskClass,
            Parameters = parameters,
        };
        var spec = new JobSpec(command, request.Nodes, request.ProcsPerNode, request.CpusPerProc, request.Memory, request.Gpus,
            timeLimit is null ? null : TimeLimitParser.Format(timeLimit), request.Retries, labels, request.Priority, request.WorkingDirectory, kind?.Kind);
        var specJson = JsonSerializer.Serialize(spec, ApiJson.Options);
        if (array is null)
        {
            return new NewJob(name, user, specJson, now, [new NewTask(0, name, demand, request.Nodes, request.Priority, request.Retries, timeLimit, payload)]);
        }

        var element = payload with { ArrayCount = array.Indices.Count }; // one payload for every element
        var tasks = new List<NewTask>(array.Indices.Count);
        foreach (var i in array.Indices)
        {
            tasks.Add(new NewTask(i, $"{name}[{i.ToString(CultureInfo.InvariantCulture)}]", demand, request.Nodes, request.Priority, request.Retries, timeLimit, element)
            {
                MaxActiveInJob = array.MaxRunning,
            });
        }

        return new NewJob(name, user, specJson, now, tasks);
    }

    private static void CheckRange(Action<string, string> add, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            add(field, $"{field} is {value}; it must be between {min} and {max}");
        }
    }

    private static void CheckPattern(Action<string, string> add, string field, string? pattern)
    {
        if (pattern is not null && OutputPattern.Validate(pattern) is { } error)
        {
            add(field, error);
        }
    }
}
