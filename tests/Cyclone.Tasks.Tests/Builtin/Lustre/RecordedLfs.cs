using System.Collections.Concurrent;
using Cyclone.Tasks.Processes;

namespace Cyclone.Tasks.Tests.Builtin.Lustre;

/// <summary>
/// Stands in for <c>lfs</c> in one task class's tests: answers each command line (its argv joined by spaces) with
/// recorded output, and remembers every command line it was given.
/// </summary>
internal sealed class RecordedLfs : ICommandRunner
{
    private readonly Dictionary<string, CommandResult> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public RecordedLfs Answer(string commandLine, string stdout, int exitCode = 0, string stderr = "")
    {
        _answers[commandLine] = new CommandResult(exitCode, stdout, stderr);
        return this;
    }

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var line = string.Join(' ', request.Argv);
        Calls.Enqueue(line);
        return Task.FromResult(_answers.TryGetValue(line, out var answer) ? answer : new CommandResult(0, "", ""));
    }
}
