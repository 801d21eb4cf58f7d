using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands.Workflows;

/// <summary>Waits for a run to end, printing a progress line to stderr whenever the counts change.</summary>
public static class RunProgress
{
    public static async Task<RunStatusDto> WaitAsync(CycloneClient client, long runId, CancellationToken ct)
    {
        var last = "";
        while (true)
        {
            var status = await client.RunStatusAsync(runId, ct);
            var total = status.Nodes.Count;
            var ended = status.Counts.Where(c => c.Key is not ("BLOCKED" or "PENDING" or "RUNNING")).Sum(c => c.Value);
            var line = $"run {runId}: {ended}/{total} nodes ended ({WorkflowRunCommands.Counts(status)})";
            if (line != last)
            {
                Console.Error.WriteLine(line);
                last = line;
            }

            if (status.Job.EndedAt is not null)
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }
}
