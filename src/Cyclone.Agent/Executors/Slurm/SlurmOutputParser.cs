using System.Globalization;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// Reads what Slurm's commands print, in the formats the agent asks for: <c>squeue -h -o %i|%T|%r|%k</c>,
/// <c>scontrol show job -o ID</c> and <c>sacct -n -P -X -o JobID,State,ExitCode</c>.
/// </summary>
public static class SlurmOutputParser
{
    /// <summary>The <c>squeue</c> format: job id, state, reason, comment (last, as it may hold the separator).</summary>
    public const string SqueueFormat = "%i|%T|%r|%k";

    /// <summary>The <c>sacct</c> fields.</summary>
    public const string SacctFields = "JobID,State,ExitCode";

    /// <summary>Jobs of <c>squeue -h -t all -o <see cref="SqueueFormat"/></c>; lines that are not such are skipped.</summary>
    public static IReadOnlyList<SlurmJobState> Squeue(string output)
    {
        var jobs = new List<SlurmJobState>();
        foreach (var line in Lines(output))
        {
            var fields = line.Split('|', 4);
            if (fields.Length == 4 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                var comment = fields[3] == "(null)" ? string.Empty : fields[3];
                jobs.Add(new SlurmJobState(id, BaseState(fields[1]), null, fields[2] == "None" ? string.Empty : fields[2], comment));
            }
        }

        return jobs;
    }

    /// <summary>The job of one line of <c>scontrol show job -o ID</c> (key=value pairs); null when the output holds none.</summary>
    public static SlurmJobState? Scontrol(string output)
    {
        foreach (var line in Lines(output))
        {
            var pairs = Pairs(line);
            if (pairs.TryGetValue("JobId", out var idText) && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && pairs.TryGetValue("JobState", out var state))
            {
                var reason = pairs.GetValueOrDefault("Reason") is { } r && r != "None" ? r : string.Empty;
                // the comment may hold spaces, which this format does not quote: the agent reads comments from squeue
                return new SlurmJobState(id, BaseState(state), ExitStatus(pairs.GetValueOrDefault("ExitCode")), reason);
            }
        }

        return null;
    }

    /// <summary>The job of <c>sacct -n -P -X -o <see cref="SacctFields"/> -j ID</c> (its allocation line); null when it lists none.</summary>
    public static SlurmJobState? Sacct(string output, long jobId)
    {
        foreach (var line in Lines(output))
        {
            var fields = line.Split('|');
            if (fields.Length >= 3 && fields[0] == jobId.ToString(CultureInfo.InvariantCulture))
            {
                return new SlurmJobState(jobId, BaseState(fields[1]), ExitStatus(fields[2]), string.Empty);
            }
        }

        return null;
    }

    /// <summary>The job id <c>sbatch --parsable</c> printed (<c>ID</c> or <c>ID;CLUSTER</c>); null when there is none.</summary>
    public static long? SbatchJobId(string output)
    {
        var first = Lines(output).FirstOrDefault()?.Split(';')[0].Trim();
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>
    /// Slurm's <c>CODE:SIGNAL</c> as one exit status: the signal as 128 + n when there is one (as a shell reports it),
    /// else the code. Null when it cannot be read.
    /// </summary>
    public static int? ExitStatus(string? text)
    {
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var signal))
        {
            return null;
        }

        return signal != 0 ? 128 + signal : code;
    }

    /// <summary>The state without Slurm's additions (<c>CANCELLED by 0</c>, <c>CANCELLED+</c>).</summary>
    private static string BaseState(string state) => state.Split(' ')[0].TrimEnd('+').Trim();

    private static Dictionary<string, string> Pairs(string line)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                pairs.TryAdd(token[..eq], token[(eq + 1)..]);
            }
        }

        return pairs;
    }

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
