using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone logs JOB</c>: a job's output, stdout to stdout and stderr to stderr; <c>-f</c> follows it until the job ends.</summary>
public static class LogsCommand
{
    private const int PageSize = 1000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var hub = HubOption.Create();
        var job = new Argument<long>("job") { Description = "Id of the job" };
        var task = new Option<int?>("--task") { Description = "Only this task (its index in the job)", HelpName = "T" };
        var rank = new Option<int?>("--rank") { Description = "Only this process rank", HelpName = "R" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until the job has ended" };
        var json = new Option<bool>("--json") { Description = "Print each output chunk as one JSON line" };
        var command = new Command("logs", "Print a job's output (stdout to stdout, stderr to stderr).") { hub, task, rank, follow, json, job };
        command.SetAction(ClientAction.Create(hub, (r, client, ct) => PrintAsync(
            client, r.GetValue(job), r.GetValue(task), r.GetValue(rank), r.GetValue(follow), r.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> PrintAsync(CycloneClient client, long jobId, int? task, int? rank, bool follow, bool json, CancellationToken ct)
    {
        long after = 0;
        var endedAndDrained = 0;
        while (true)
        {
            var page = await client.ReadOutputAsync(jobId, task, rank, after, PageSize, ct);
            Write(page.Chunks, json);
            after = Math.Max(after, page.NextSeq);
            if (page.Chunks.Count >= PageSize)
            {
                continue;
            }

            if (!follow)
            {
                return 0;
            }

            // The last output may land just after the job's end is recorded: ask once more before stopping.
            endedAndDrained = page.JobEnded && page.Chunks.Count == 0 ? endedAndDrained + 1 : 0;
            if (endedAndDrained >= 2)
            {
                return 0;
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private static void Write(IReadOnlyList<OutputChunkDto> chunks, bool json)
    {
        foreach (var chunk in chunks)
        {
            if (json)
            {
                JsonOutput.WriteLine(chunk);
            }
            else if (chunk.Stream == "stderr")
            {
                Console.Error.Write(chunk.Data);
            }
            else
            {
                Console.Out.Write(chunk.Data);
            }
        }

        Console.Out.Flush();
        Console.Error.Flush();
    }
}
