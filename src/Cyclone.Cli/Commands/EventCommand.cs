using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone event push NAME [--data JSON]</c> and <c>cyclone event status</c>.</summary>
public static class EventCommand
{
    public static Command Create() => new("event", "Push named events and see who waits for them.") { Push(), Status() };

    private static Command Push()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The event's name" };
        var data = new Option<string?>("--data") { Description = "JSON data; a waiting node receives it as its 'data' output", HelpName = "JSON" };
        var command = new Command("push", "Record an event: waiting nodes complete, triggered workflows start.") { hub, data, name };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            if (!JsonArgument.TryParse(r.GetValue(data), "--data", out var payload))
            {
                return CycloneCommandLine.UsageError;
            }

            var pushed = await client.PushEventAsync(new EventPushRequest { Name = r.GetValue(name), Data = payload }, ct);
            Console.Out.WriteLine($"event {pushed.Id} ({pushed.Name}) completed {pushed.Delivered} waiting node(s)"
                + (pushed.StartedRuns.Count == 0 ? "" : $" and started run(s) {string.Join(", ", pushed.StartedRuns)}"));
            return 0;
        }));
        return command;
    }

    private static Command Status()
    {
        var hub = HubOption.Create();
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("status", "Recent events, nodes waiting for events, and event triggers.") { hub, json };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var status = await client.EventsStatusAsync(null, 20, ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(status);
                return 0;
            }

            TableWriter.Write(["ID", "EVENT", "WHEN", "USER", "COMPLETED", "RUNS", "DATA"],
                status.Recent.Select(e => (IReadOnlyList<string>)
                [
                    Formatting.Num(e.Id), e.Name, Formatting.When(e.At), e.User, Formatting.Num(e.Delivered),
                    e.StartedRuns.Count == 0 ? "-" : string.Join(',', e.StartedRuns), e.Data?.ToJsonString() ?? "null",
                ]).ToList(), "no events yet");
            foreach (var (name, tasks) in status.WaitingTasks)
            {
                Console.Out.WriteLine($"waiting for {name}: task(s) {string.Join(", ", tasks)}");
            }

            foreach (var (name, workflows) in status.Triggers)
            {
                Console.Out.WriteLine($"{name} starts: {string.Join(", ", workflows)}");
            }

            return 0;
        }));
        return command;
    }
}
