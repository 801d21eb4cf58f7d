using Cyclone.Core.Parsing;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// The files a task's output and error patterns (<c>cyclone run -o/-e</c>: <c>%j</c> job, <c>%n</c> node, <c>%t</c> rank)
/// name, for a job run through Slurm: created (emptied) when the job is submitted, so that a path that cannot be written
/// fails the attempt at once as with the process executor, and filled from the ranks' files once the job has ended,
/// rank by rank (each rank's stdout, then its stderr where both go to one file). Without an error pattern, stderr goes
/// to the output file; the batch script's own messages count as the first rank's.
/// </summary>
internal static class SlurmOutputFiles
{
    /// <summary>Creates every file the patterns name; null, or what could not be created.</summary>
    public static string? Create(Lease lease, SlurmJobFiles files, string workingDirectory)
    {
        foreach (var path in Targets(lease, files, workingDirectory).Select(t => t.Target).Distinct(StringComparer.Ordinal))
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, []);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"cannot create output file '{path}' on host {Environment.MachineName}: {ex.Message}";
            }
        }

        return null;
    }

    /// <summary>Appends what each rank wrote to the files its patterns name; null, or what could not be written.</summary>
    public static async Task<string?> FillAsync(Lease lease, SlurmJobFiles files, string workingDirectory)
    {
        foreach (var (source, target) in Targets(lease, files, workingDirectory))
        {
            try
            {
                if (File.Exists(source))
                {
                    await using var from = File.OpenRead(source);
                    await using var to = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                    await from.CopyToAsync(to);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"cannot write output file '{target}' on host {Environment.MachineName}: {ex.Message}";
            }
        }

        return null;
    }

    /// <summary>Each rank file of the job and the pattern file it goes to, in the order they are appended.</summary>
    private static IEnumerable<(string Source, string Target)> Targets(Lease lease, SlurmJobFiles files, string workingDirectory)
    {
        if (string.IsNullOrEmpty(lease.OutputPattern) && string.IsNullOrEmpty(lease.ErrorPattern))
        {
            yield break;
        }

        var errorPattern = string.IsNullOrEmpty(lease.ErrorPattern) ? lease.OutputPattern : lease.ErrorPattern;
        var procs = LeaseEnvironment.ProcsPerNode(lease);
        var whole = LeaseEnvironment.NodesOf(lease) > 1;
        for (var rank = 0; rank < SlurmJobScript.Ranks(lease); rank++)
        {
            var node = whole ? rank / procs : lease.NodeIndex;
            var global = LeaseEnvironment.Rank(lease, 0) + rank;
            var sources = rank == 0
                ? new[] { (files.RankOutput(rank), lease.OutputPattern), (files.BatchOutput, lease.OutputPattern), (files.RankError(rank), errorPattern), (files.BatchError, errorPattern) }
                : [(files.RankOutput(rank), lease.OutputPattern), (files.RankError(rank), errorPattern)];
            foreach (var (source, pattern) in sources)
            {
                if (!string.IsNullOrEmpty(pattern))
                {
                    yield return (source, Path.GetFullPath(OutputPattern.Expand(pattern, lease.JobId, node, global), workingDirectory));
                }
            }
        }
    }
}
