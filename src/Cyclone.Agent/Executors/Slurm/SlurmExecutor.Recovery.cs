using System.Globalization;
using Cyclone.Agent.Attempts;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

public sealed partial class SlurmExecutor
{
    /// <summary>
    /// The jobs a previous agent of this name left: those squeue lists with this agent's comment, and those whose
    /// directory holds a job id (they may have ended meanwhile), each taken up again as a running attempt.
    /// </summary>
    public async Task<IReadOnlyList<IRunningAttempt>> RecoverAsync(CancellationToken ct)
    {
        var found = new Dictionary<AttemptId, long>();
        var jobs = await Queue.JobsAsync(ct);
        if (jobs is null)
        {
            LogRecoveryBlind(Queue.LastProblem ?? "squeue failed");
        }

        foreach (var job in jobs?.Values ?? [])
        {
            if (!job.Ended && SlurmJobName.OwnedBy(job.Comment, _agent) is { } id)
            {
                found[id] = job.JobId;
            }
        }

        foreach (var directory in Directory.Exists(_root) ? Directory.GetDirectories(_root) : [])
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var task)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var node))
            {
                continue;
            }

            var id = new AttemptId(task, number, node);
            if (!found.ContainsKey(id))
            {
                if (new SlurmJobFiles(_root, id).ReadJobId() is { } jobId)
                {
                    found[id] = jobId;
                }
                else
                {
                    new SlurmJobFiles(_root, id).Delete(); // never submitted: nothing runs for it
                }
            }
        }

        var attempts = new List<IRunningAttempt>();
        foreach (var (id, jobId) in found)
        {
            var files = new SlurmJobFiles(_root, id);
            Directory.CreateDirectory(files.Directory);
            var lease = files.ReadLease() ?? new Lease { TaskId = id.TaskId, Attempt = id.Attempt, NodeIndex = id.NodeIndex, Nnodes = id.NodeIndex + 1, ProcsPerNode = 1 };
            var attempt = new SlurmAttempt(lease, files, jobId, this, _sink, _time, _logger);
            attempt.Begin();
            attempts.Add(attempt);
        }

        if (attempts.Count > 0)
        {
            LogRecovered(attempts.Count);
        }

        return attempts;
    }
}
