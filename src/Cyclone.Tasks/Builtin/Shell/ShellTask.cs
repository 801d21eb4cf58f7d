using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;
using Cyclone.Tasks.Processes;

namespace Cyclone.Tasks.Builtin.Shell;

/// <summary>
/// <c>shell</c>: runs <c>command</c> with <c>/bin/sh -c</c>, in <c>working_directory</c> when given, with the
/// variables of <c>environment</c> added, for at most <c>timeout_seconds</c> (0 or missing: no limit of its own).
/// Its stdout and stderr go to the task's log and, cut to their first 64 Ki characters, to the outputs. A
/// non-zero exit fails the task with that exit code; a time limit or a stop kills the command's process group.
/// </summary>
[CycloneTask("shell")]
[TaskInput("command", ValueTypes.String)]
[TaskInput("working_directory", ValueTypes.String)]
[TaskInput("environment", ValueTypes.Object)]
[TaskInput("timeout_seconds", ValueTypes.Number)]
[TaskOutput("exit_code", ValueTypes.Integer)]
[TaskOutput("stdout", ValueTypes.String)]
[TaskOutput("stderr", ValueTypes.String)]
public sealed class ShellTask(ICommandRunner runner) : ICycloneTask
{
    /// <summary>Characters of each stream kept in the outputs; the log gets up to the runner's capture limit.</summary>
    public const int MaxOutputChars = 64 * 1024;

    private const double MaxTimeoutSeconds = 7 * 86_400;

    public ShellTask()
        : this(ProcessCommandRunner.Default)
    {
    }

    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.GetString("command");
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new TaskInputException("input 'command' is empty; give a command line such as 'echo hi'");
        }

        var directory = TaskInputs.OptionalString(context, "working_directory");
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new TaskInputException($"input 'working_directory': the directory '{directory}' does not exist");
        }

        var seconds = TaskInputs.Number(context, "timeout_seconds", 0, 0, MaxTimeoutSeconds);
        var request = new CommandRequest(["/bin/sh", "-c", command])
        {
            WorkingDirectory = directory,
            Environment = TaskInputs.StringMap(context, "environment"),
            Timeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
        };
        var result = await runner.RunAsync(request, cancellationToken);
        await context.Output.WriteAsync(result.Stdout);
        await context.Output.WriteAsync(result.Stderr);
        if (result.Truncated)
        {
            await context.Output.WriteLineAsync($"shell: output past {request.MaxCaptureChars} characters per stream was dropped");
        }

        if (result.TimedOut)
        {
            throw new TaskFailedException($"shell: the command did not finish within {seconds} s; its process group was killed");
        }

        if (result.ExitCode != 0)
        {
            var code = result.ExitCode is > 0 and < 256 ? result.ExitCode : 1;
            throw new TaskFailedException($"shell: the command exited with code {result.ExitCode}{LastLine(result.Stderr)}", code);
        }

        return new JsonObject
        {
            ["exit_code"] = 0,
            ["stdout"] = Cut(result.Stdout),
            ["stderr"] = Cut(result.Stderr),
        };
    }

    private static string Cut(string text) => text.Length <= MaxOutputChars ? text : text[..MaxOutputChars];

    private static string LastLine(string stderr)
    {
        var line = stderr.TrimEnd().Split('\n')[^1].Trim();
        return line.Length == 0 ? "" : $": {Core.Parsing.Excerpt.Of(line, 200)}";
    }
}
