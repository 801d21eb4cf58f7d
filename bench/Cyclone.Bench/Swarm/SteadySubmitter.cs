using System.Collections.Concurrent;
using System.Diagnostics;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Swarm;

/// <summary>
/// Submits the same job at a steady rate for a while: <c>submitters</c> concurrent loops, each on its own timer of
/// <c>interval</c>, started evenly spread over one interval. A submission slower than the interval makes its loop skip
/// ticks rather than queue them, so the rate reached is what the hub could take (see <see cref="Submission"/>s).
/// </summary>
public static class SteadySubmitter
{
    public static async Task<IReadOnlyList<Submission>> RunAsync(
        CycloneClient client, SubmitJobRequest request, int submitters, TimeSpan interval, TimeSpan duration, CancellationToken ct)
    {
        var done = new ConcurrentBag<Submission>();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, submitters).Select(async i =>
        {
            await Task.Delay(interval * i / submitters, ct);
            using var timer = new PeriodicTimer(interval);
            do
            {
                var sent = Stopwatch.GetTimestamp();
                var job = await client.SubmitAsync(request, ct);
                var acked = Stopwatch.GetTimestamp();
                done.Add(new Submission(acked, Stopwatch.GetElapsedTime(sent, acked).TotalMilliseconds, job.TaskIds));
            }
            while (Stopwatch.GetTimestamp() < until && await timer.WaitForNextTickAsync(ct) && Stopwatch.GetTimestamp() < until);
        }));
        return [.. done.OrderBy(s => s.AckedAt)];
    }
}
