using System.Diagnostics;
using Cyclone.Bench.Workloads;

namespace Cyclone.Bench.Swarm;

/// <summary>
/// Lease latency: for every submitted task, from its submission's acknowledgement to its first lease at an agent. The
/// hub hands tasks to the scheduler before it answers, so a lease may beat the answer to this process: such a task
/// counts as 0 ms, and how many did is reported (<c>leased_before_ack</c>).
/// </summary>
public static class SwarmLatency
{
    public static IReadOnlyDictionary<string, double> Of(IReadOnlyList<Submission> submissions, SwarmLedger ledger)
    {
        var samples = new List<double>();
        var early = 0;
        var unleased = 0;
        foreach (var submission in submissions)
        {
            foreach (var id in submission.TaskIds)
            {
                if (!ledger.TryFirstLease(id, out var leasedAt))
                {
                    unleased++;
                    continue;
                }

                var ms = Stopwatch.GetElapsedTime(submission.AckedAt, leasedAt).TotalMilliseconds;
                early += ms < 0 ? 1 : 0;
                samples.Add(Math.Max(0, ms));
            }
        }

        var latency = samples.Order().ToArray();
        var submit = submissions.Select(s => s.SubmitMs).Order().ToArray();
        return new Dictionary<string, double>
        {
            ["tasks"] = latency.Length,
            ["lease_p50_ms"] = At(latency, 0.50),
            ["lease_p99_ms"] = At(latency, 0.99),
            ["lease_max_ms"] = latency.Length > 0 ? latency[^1] : double.NaN,
            ["lease_mean_ms"] = latency.Length > 0 ? latency.Average() : double.NaN,
            ["leased_before_ack"] = early,
            ["tasks_unleased"] = unleased,
            ["submit_p50_ms"] = At(submit, 0.50),
            ["submit_p99_ms"] = At(submit, 0.99),
        };
    }

    private static double At(double[] sorted, double p) => sorted.Length > 0 ? LatencyWorkload.Percentile(sorted, p) : double.NaN;
}
