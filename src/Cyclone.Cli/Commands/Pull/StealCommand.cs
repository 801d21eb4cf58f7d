using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands.Pull;

/// <summary>
/// <c>cyclone steal [-n N] [--queue LABEL] [--wait 30s] [--lease 60s] [--worker NAME] [--json]</c>: leases ready tasks to
/// this worker and prints one line per task, <c>ID ATTEMPT COMMAND...</c>, for a shell loop to run and then report
/// with <c>cyclone complete</c>. Nothing leased: nothing printed, exit code 0.
/// </summary>
public static class StealCommand
{
    /// <summary>The longest one request waits, well under the client's timeout; longer waits ask again.</summary>
    private static readonly TimeSpan MaxWaitPerRequest = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var hub = HubOption.Create();
        var max = new Option<int>("--max", "-n") { Description = "The most tasks to lease (1 to 1000)", HelpName = "N", DefaultValueFactory = _ => 1 };
        var queue = new Option<string[]>("--queue", "--label") { Description = "A label this worker carries: it gets tasks that need it, and tasks that need none (repeat, or a,b)", HelpName = "LABEL" };
        var wait = new Option<string?>("--wait") { Description = "How long to wait for a task when none is ready (30s, 5m, 1h); answers as soon as one is leased", HelpName = "DURATION" };
        var lease = new Option<string?>("--lease") { Description = "How long the leases last without a call from this worker [default: 60s]", HelpName = "DURATION" };
        var worker = PullOptions.Worker();
        var json = new Option<bool>("--json") { Description = "Print each task as one JSON line (command, kind, inputs, environment, ...)" };
        var command = new Command("steal", "Lease ready tasks to this worker and print them: ID ATTEMPT COMMAND... (a typed task: its kind).")
        {
            hub, max, queue, wait, lease, worker, json,
        };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            if (!PullOptions.TryDuration(r.GetValue(wait), "--wait", TimeSpan.Zero, out var patience)
                || !PullOptions.TryDuration(r.GetValue(lease), "--lease", TimeSpan.FromSeconds(60), out var leaseTime))
            {
                return CycloneCommandLine.UsageError;
            }

            var request = new TaskLeaseRequest
            {
                Worker = PullOptions.WorkerOf(r, worker),
                Labels = Formatting.SplitList(r.GetValue(queue)) is { Count: > 0 } labels ? labels : null,
                Max = r.GetValue(max),
                LeaseSeconds = (int)Math.Ceiling(leaseTime.TotalSeconds),
            };
            var tasks = await LeaseAsync(client, request, patience, ct);
            foreach (var task in tasks)
            {
                if (r.GetValue(json))
                {
                    JsonOutput.WriteLine(task);
                }
                else
                {
                    var what = task.Kind ?? ShellQuote.Join(task.Command);
                    Console.Out.WriteLine($"{task.Id} {task.Attempt} {what}");
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Asks until a task is leased or <paramref name="patience"/> has passed, each request waiting at most a minute.</summary>
    private static async Task<IReadOnlyList<LeasedTaskDto>> LeaseAsync(CycloneClient client, TaskLeaseRequest request, TimeSpan patience, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            request.WaitSeconds = left <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(Math.Min(left.TotalSeconds, MaxWaitPerRequest.TotalSeconds));
            var answer = await client.LeaseTasksAsync(request, ct);
            if (answer.Tasks.Count > 0 || DateTimeOffset.UtcNow >= deadline)
            {
                return answer.Tasks;
            }
        }
    }
}
