using System.Globalization;
using Cyclone.Agent.Attempts;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// The directory of one node of one attempt run through Slurm, on a file system the compute nodes share: the scripts,
/// the lease (so that a restarted agent can take the job up again), the Slurm job id, the task's inputs and outputs
/// files, each rank's stdout, stderr and exit status, and how far the output has been shipped.
/// </summary>
public sealed class SlurmJobFiles
{
    public SlurmJobFiles(string root, AttemptId attempt)
    {
        Attempt = attempt;
        Directory = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{attempt.TaskId}-{attempt.Attempt}-{attempt.NodeIndex}"));
    }

    public AttemptId Attempt { get; }

    public string Directory { get; }

    public string BatchScript => Path.Combine(Directory, "job.sh");

    public string RankScript => Path.Combine(Directory, "rank.sh");

    public string BatchOutput => Path.Combine(Directory, "batch.out");

    public string BatchError => Path.Combine(Directory, "batch.err");

    public string RankOutputPattern => Path.Combine(Directory, "out-%t.txt");

    public string RankErrorPattern => Path.Combine(Directory, "err-%t.txt");

    /// <summary>Each rank writes its exit status to this path followed by its rank in the job (<c>SLURM_PROCID</c>).</summary>
    public string ExitPrefix => Path.Combine(Directory, "exit-");

    public string LeaseFile => Path.Combine(Directory, "lease.pb");

    public string JobIdFile => Path.Combine(Directory, "slurm-job-id");

    public string InputsFile => Path.Combine(Directory, "inputs.json");

    public string OutputsFile => Path.Combine(Directory, "outputs.json");

    /// <summary>The stdout file of the job's rank <paramref name="rank"/> (srun's <c>%t</c>).</summary>
    public string RankOutput(int rank) => Path.Combine(Directory, Text($"out-{rank}.txt"));

    public string RankError(int rank) => Path.Combine(Directory, Text($"err-{rank}.txt"));

    public string ExitFile(int rank) => ExitPrefix + rank.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where the shipped length of an output file is kept (so a restarted agent goes on from there).</summary>
    public static string OffsetFile(string file) => file + ".shipped";

    /// <summary>The lease kept in the directory, or null when there is none (or it cannot be read).</summary>
    public Lease? ReadLease()
    {
        try
        {
            return File.Exists(LeaseFile) ? Lease.Parser.ParseFrom(File.ReadAllBytes(LeaseFile)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The Slurm job id kept in the directory, or null.</summary>
    public long? ReadJobId()
    {
        try
        {
            return File.Exists(JobIdFile) && long.TryParse(File.ReadAllText(JobIdFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first non-zero exit status the job's <paramref name="ranks"/> wrote, by rank; 0 when all wrote 0; null when none wrote one.</summary>
    public int? RankExitStatus(int ranks)
    {
        int? result = null;
        for (var local = 0; local < ranks; local++)
        {
            try
            {
                if (File.Exists(ExitFile(local)) && int.TryParse(File.ReadAllText(ExitFile(local)).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
                {
                    if (code != 0)
                    {
                        return code;
                    }

                    result = 0;
                }
            }
            catch (IOException)
            {
                // not written completely yet: counts as not written
            }
        }

        return result;
    }

    /// <summary>Removes the directory once the attempt has been reported.</summary>
    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a file still held open on a compute node: it is left behind
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
