using System.CommandLine;
using System.Globalization;
using Cyclone.Cli.Common;
using Cyclone.Core.Parsing;

namespace Cyclone.Cli.Commands.Pull;

/// <summary>What the pull worker commands share: the worker's name and durations in seconds.</summary>
public static class PullOptions
{
    /// <summary>The environment variable that names this worker when <c>--worker</c> does not.</summary>
    public const string WorkerVariable = "CYCLONE_WORKER";

    public static Option<string?> Worker() => new("--worker")
    {
        Description = $"This worker's name, the same for steal and complete; give each worker process its own (env {WorkerVariable}) [default: your user name]",
        HelpName = "NAME",
    };

    /// <summary>The worker named by <c>--worker</c>, else by <see cref="WorkerVariable"/>; null: the hub's default.</summary>
    public static string? WorkerOf(ParseResult result, Option<string?> worker) =>
        result.GetValue(worker) ?? (Environment.GetEnvironmentVariable(WorkerVariable) is { Length: > 0 } env ? env : null);

    /// <summary>Reads <c>30s</c>, <c>5m</c>, <c>1h30m</c> or plain seconds; says what is wrong otherwise.</summary>
    public static bool TryDuration(string? text, string option, TimeSpan fallback, out TimeSpan duration)
    {
        duration = fallback;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (DurationParser.TryParse(text, out duration))
        {
            return true;
        }

        ClientAction.Fail($"{option} '{text}' is not a duration: use seconds, or a number with s, m, h or d (30s, 5m)");
        return false;
    }
}
