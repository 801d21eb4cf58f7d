using System.Globalization;
using Cyclone.Core.Dependencies;

namespace Cyclone.Core.Parsing;

/// <summary>
/// Parses Slurm's <c>--dependency</c> syntax: comma-separated <c>TYPE:JOB[:JOB...]</c> with TYPE one of
/// <c>afterok</c>, <c>afterany</c>, <c>afternotok</c>; every condition must hold (Slurm's <c>,</c>).
/// </summary>
public static class DependencySpecParser
{
    public static bool TryParse(string? text, out IReadOnlyList<(DependencyKind Kind, long JobId)> dependencies, out string error)
    {
        var result = new List<(DependencyKind, long)>();
        dependencies = result;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the dependency is empty; write e.g. afterok:12:13";
            return false;
        }

        foreach (var clause in text.Split(','))
        {
            var parts = clause.Trim().Split(':');
            if (!DependencyKinds.TryParseWire(parts[0], out var kind))
            {
                error = $"'{Excerpt.Of(parts[0])}' in dependency '{Excerpt.Of(text)}' is not afterok, afterany or afternotok";
                return false;
            }

            if (parts.Length < 2)
            {
                error = $"'{Excerpt.Of(clause)}' in dependency '{Excerpt.Of(text)}' names no job; write {parts[0]}:JOB[:JOB...]";
                return false;
            }

            foreach (var id in parts.Skip(1))
            {
                if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId))
                {
                    error = $"'{Excerpt.Of(id)}' in dependency '{Excerpt.Of(text)}' is not a job id";
                    return false;
                }

                result.Add((kind, jobId));
            }
        }

        return true;
    }
}
