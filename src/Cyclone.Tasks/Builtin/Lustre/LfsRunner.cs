using Cyclone.Core.Parsing;
using Cyclone.Tasks.Processes;

namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>What the Lustre tasks share: their <c>lfs</c>, <c>path</c> and <c>osts</c> inputs, and running an <c>lfs</c> command.</summary>
internal sealed class LfsRunner(ICommandRunner runner, LfsCommandLines lines, TextWriter log)
{
    /// <summary>The largest OST index Lustre gives (OST indices are 16-bit).</summary>
    public const int MaxOstIndex = 65_535;

    public LfsCommandLines Lines { get; } = lines;

    /// <summary>The command lines for the <c>lfs</c> input (a path or a name on the PATH; default <c>lfs</c>).</summary>
    public static LfsCommandLines CommandLines(TaskContext context) =>
        new(TaskInputs.OptionalString(context, "lfs") is { } lfs
            ? string.IsNullOrWhiteSpace(lfs) ? throw new TaskInputException("input 'lfs' is empty; give the lfs program's path or leave it out") : lfs
            : "lfs");

    /// <summary>The <c>path</c> input: a directory in a Lustre file system.</summary>
    public static string Path(TaskContext context)
    {
        var path = context.GetString("path");
        return Directory.Exists(path) ? path : throw new TaskInputException($"input 'path': the directory '{path}' does not exist or cannot be seen");
    }

    /// <summary>An OST list input in range-set notation (<c>0-15,20</c>; a single index may be a number), or null when it is missing.</summary>
    public static RangeSet? Osts(TaskContext context, string input)
    {
        if (!TaskInputs.Has(context, input))
        {
            return null;
        }

        var text = JsonScalars.TryGetInteger(context.Inputs[input], out var single)
            ? single.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : context.GetString(input);
        if (!RangeSetParser.TryParse(text, out var set, out var error))
        {
            throw new TaskInputException($"input '{input}': {error}");
        }

        return set.Ranges[^1].Last <= MaxOstIndex
            ? set
            : throw new TaskInputException($"input '{input}': OST indices go from 0 to {MaxOstIndex}, not {set.Ranges[^1].Last}");
    }

    /// <summary>
    /// Runs <paramref name="argv"/>. A non-zero exit fails the task naming the command and its last error line,
    /// unless <paramref name="partialOk"/> and it printed output (as <c>lfs df</c> does when one target does not answer).
    /// </summary>
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken, bool partialOk = false, int maxChars = CommandRequest.DefaultMaxCaptureChars)
    {
        var command = string.Join(' ', argv);
        var result = await runner.RunAsync(new CommandRequest(argv) { MaxCaptureChars = maxChars }, cancellationToken);
        if (result.Truncated)
        {
            throw new TaskFailedException($"'{Excerpt.Of(command, 200)}' printed more than {maxChars} characters; narrow the search");
        }

        if (result.ExitCode == 0)
        {
            return result;
        }

        var why = $"'{Excerpt.Of(command, 200)}' exited with code {result.ExitCode}: {Excerpt.Of(result.Stderr.Trim(), 300)}";
        if (partialOk && result.Stdout.Trim().Length > 0)
        {
            await log.WriteLineAsync($"warning: {why}; using the output it printed");
            return result;
        }

        throw new TaskFailedException(why);
    }
}
