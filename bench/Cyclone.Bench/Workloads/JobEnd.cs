using System.Diagnostics;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Workloads;

/// <summary>Waits for a job to end through the hub's long poll, saying every few seconds that it still runs.</summary>
public static class JobEnd
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    public static async Task<JobDto> WaitAsync(CycloneClient client, long jobId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await client.WaitForJobAsync(jobId, TimeSpan.FromSeconds(5), withTasks: false, ct);
            if (job.State is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "UPSTREAM_FAILED")
            {
                return job.State == "COMPLETED" ? job : throw new InvalidOperationException($"job {jobId} ended {job.State}, not COMPLETED");
            }

            if (clock.Elapsed > Limit)
            {
                throw new TimeoutException($"job {jobId} did not end within {Limit}");
            }

            Progress.Say($"job {jobId} {job.State} after {clock.Elapsed.TotalSeconds:0}s");
        }
    }
}
