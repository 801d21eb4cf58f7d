using System.Globalization;
using System.Text.RegularExpressions;
using Cyclone.Agent.Attempts;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// How a Slurm job tells which attempt it runs and for which agent: its name (<c>cyclone-TASK-ATTEMPT-NODE</c>) and its
/// comment (<c>cyclone task=TASK attempt=ATTEMPT node=NODE agent=NAME</c>). A restarted agent finds its jobs by them.
/// </summary>
public static partial class SlurmJobName
{
    public const string Prefix = "cyclone-";

    public static string Name(AttemptId attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{attempt.TaskId}-{attempt.Attempt}-{attempt.NodeIndex}");

    public static string Comment(AttemptId attempt, string agent) =>
        string.Create(CultureInfo.InvariantCulture, $"cyclone task={attempt.TaskId} attempt={attempt.Attempt} node={attempt.NodeIndex} agent={agent}");

    /// <summary>The attempt a job's comment names, when the comment says it belongs to <paramref name="agent"/>.</summary>
    public static AttemptId? OwnedBy(string comment, string agent)
    {
        var match = CommentPattern().Match(comment.Trim());
        return match.Success && match.Groups["agent"].Value == agent
            ? new AttemptId(
                long.Parse(match.Groups["task"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["attempt"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["node"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^cyclone task=(?<task>\d{1,18}) attempt=(?<attempt>\d{1,9}) node=(?<node>\d{1,9}) agent=(?<agent>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CommentPattern();
}
