using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Client;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone queue</c>: jobs newest first, or with <c>--tasks</c> tasks in dispatch order (like <c>squeue</c>).</summary>
public static class QueueCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var state = new Option<string?>("--state") { Description = "Only these states, e.g. RUNNING,PENDING", HelpName = "S[,S]" };
        var user = new Option<string?>("--user") { Description = "Only this user's", HelpName = "U" };
        var tasks = new Option<bool>("--tasks") { Description = "List tasks (in dispatch order) instead of jobs" };
        var limit = new Option<int>("--limit") { Description = "Show at most N", HelpName = "N", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the page as JSON" };
        var sort = new Option<string?>("--sort") { Description = "Order jobs by id, name, user, state, submitted, started or ended", HelpName = "KEY" };
        var order = new Option<string?>("--order") { Description = "asc or desc (default: desc for id and times, asc otherwise)", HelpName = "ORDER" };
        var command = new Command("queue", "List jobs, newest first or by --sort (or tasks with --tasks).") { hub, state, user, tasks, limit, json, sort, order };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var states = Formatting.SplitList(r.GetValue(state) is { } s ? [s.ToUpperInvariant()] : null);
            return r.GetValue(tasks)
                ? await ListTasksAsync(client, states, r.GetValue(user), r.GetValue(limit), r.GetValue(json), ct)
                : await ListJobsAsync(client, states, r.GetValue(user), (r.GetValue(limit), r.GetValue(sort), r.GetValue(order)), r.GetValue(json), ct);
        }));
        var clearHub = HubOption.Create();
        var clear = new Command("clear", "Cancel every waiting (blocked or pending) task; running ones go on.") { clearHub };
        clear.SetAction(ClientAction.Create(clearHub, async (r, client, ct) =>
        {
            Console.Out.WriteLine((await client.ClearQueueAsync(ct)).Message);
            return 0;
        }));
        command.Subcommands.Add(clear);
        return command;
    }

    private static async Task<int> ListJobsAsync(
        CycloneClient client, IReadOnlyList<string> states, string? user, (int Limit, string? Sort, string? Order) view, bool json, CancellationToken ct)
    {
        var page = await client.ListJobsAsync(states, user, 0, view.Limit, view.Sort, view.Order, ct);
        if (json)
        {
            JsonOutput.Write(page);
            return 0;
        }

        var rows = page.Items.Select(j => (IReadOnlyList<string>)
        [
            Formatting.Num(j.Id),
            j.Name,
            j.User,
            j.State,
            $"{j.Nodes}x{j.ProcsPerNode}",
            Formatting.Num(j.TaskCount),
            Formatting.When(j.SubmittedAt),
            Formatting.Num(j.ExitCode),
        ]).ToList();
        TableWriter.Write(["JOB", "NAME", "USER", "STATE", "NODESxPROCS", "TASKS", "SUBMITTED", "EXIT"], rows, "no jobs");
        WriteMore(page.Items.Count, page.Total, "jobs");
        return 0;
    }

    private static async Task<int> ListTasksAsync(CycloneClient client, IReadOnlyList<string> states, string? user, int limit, bool json, CancellationToken ct)
    {
        var page = await client.ListTasksAsync(states, user, null, 0, limit, ct);
        if (json)
        {
            JsonOutput.Write(page);
            return 0;
        }

        var rows = page.Items.Select(t => (IReadOnlyList<string>)
        [
            Formatting.Num(t.JobId),
            Formatting.Num(t.Index),
            t.State,
            Formatting.Num(t.Attempt),
            t.Agents.Count == 0 ? "-" : string.Join(',', t.Agents),
            Formatting.Num(t.ExitCode),
            t.Reason ?? "",
        ]).ToList();
        TableWriter.Write(["JOB", "TASK", "STATE", "ATTEMPT", "AGENTS", "EXIT", "REASON"], rows, "no tasks");
        WriteMore(page.Items.Count, page.Total, "tasks");
        return 0;
    }

    private static void WriteMore(int shown, long total, string what)
    {
        if (total > shown)
        {
            Console.Error.WriteLine($"({shown} of {total} {what} shown; use --limit or --state to see others)");
        }
    }
}
