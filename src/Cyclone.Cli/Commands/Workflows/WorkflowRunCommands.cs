using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands.Workflows;

/// <summary><c>cyclone workflow status RUN</c> and <c>cyclone workflow cancel RUN</c>.</summary>
public static class WorkflowRunCommands
{
    public static Command Status()
    {
        var hub = HubOption.Create();
        var run = new Argument<long>("run") { Description = "The run (its job id)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("status", "Show where a run stands: each node's state and outputs.") { hub, json, run };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var status = await client.RunStatusAsync(r.GetValue(run), ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(status);
                return 0;
            }

            Print(status);
            if (status.Job.EndedAt is null)
            {
                Console.Out.WriteLine(Eta(await client.EstimateRunAsync(status.RunId, ct)));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The estimated finish of a run that has not ended, as one line.</summary>
    public static string Eta(RunEstimateDto estimate)
    {
        var left = estimate.EstimatedFinish - estimate.At;
        var when = $"{Formatting.When(estimate.EstimatedFinish)} (in {Span(left < TimeSpan.Zero ? TimeSpan.Zero : left)})";
        return estimate.Complete
            ? $"ETA: {when}, from past runs of the same tasks"
            : $"ETA: not before {when}; {estimate.UnknownTasks} task(s) have no past runs to go by";
    }

    private static string Span(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m {span.Seconds}s"
        : $"{(int)span.TotalHours}h {span.Minutes}m";

    public static Command Cancel()
    {
        var hub = HubOption.Create();
        var run = new Argument<long>("run") { Description = "The run (its job id)" };
        var command = new Command("cancel", "Cancel a run: its pending and running nodes end CANCELLED.") { hub, run };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var status = await client.CancelRunAsync(r.GetValue(run), ct);
            Console.Out.WriteLine($"run {status.RunId}: {status.State} ({Counts(status)})");
            return 0;
        }));
        return command;
    }

    public static void Print(RunStatusDto status)
    {
        Console.Out.WriteLine($"run {status.RunId} of {status.Workflow ?? status.Job.Name}{(status.Commit is null ? "" : $" at {status.Commit[..12]}")}: {status.State} ({Counts(status)})");
        TableWriter.Write(["NODE", "STATE", "EXIT", "AGENTS", "OUTPUTS", "REASON"],
            status.Nodes.Select(n => (IReadOnlyList<string>)
            [
                n.Name, n.State, Formatting.Num(n.ExitCode), n.Agents.Count == 0 ? "-" : string.Join(',', n.Agents),
                n.Outputs?.ToJsonString() ?? "-", n.Reason ?? "",
            ]).ToList());
    }

    public static string Counts(RunStatusDto status) =>
        string.Join(", ", status.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key.ToLowerInvariant()}"));
}
