using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone timer start --in 10m | --every 1h | --cron "0 3 * * *" (--event NAME | --workflow NAME)</c>, <c>status</c>, <c>cancel</c>.</summary>
public static class TimerCommand
{
    public static Command Create() => new("timer", "Fire events or run workflows later, periodically, or by cron; timers survive hub restarts.")
    {
        Start(), Status(), Cancel(),
    };

    private static Command Start()
    {
        var hub = HubOption.Create();
        var inOpt = new Option<string?>("--in") { Description = "Once, after a duration: 30s, 10m, 1h30m, 2d", HelpName = "DURATION" };
        var every = new Option<string?>("--every") { Description = "Repeatedly, at this interval", HelpName = "DURATION" };
        var cron = new Option<string?>("--cron") { Description = "By a five-field cron expression, in UTC", HelpName = "EXPR" };
        var ev = new Option<string?>("--event") { Description = "Push this event when firing", HelpName = "NAME" };
        var data = new Option<string?>("--data") { Description = "JSON data of the event", HelpName = "JSON" };
        var workflow = new Option<string?>("--workflow") { Description = "Run the newest version of this workflow when firing", HelpName = "NAME" };
        var command = new Command("start", "Start a timer.") { hub, inOpt, every, cron, ev, data, workflow };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            if (!JsonArgument.TryParse(r.GetValue(data), "--data", out var payload))
            {
                return CycloneCommandLine.UsageError;
            }

            var timer = await client.StartTimerAsync(new TimerStartRequest
            {
                In = r.GetValue(inOpt), Every = r.GetValue(every), Cron = r.GetValue(cron),
                Event = r.GetValue(ev), Data = payload, Workflow = r.GetValue(workflow),
            }, ct);
            Console.Out.WriteLine($"timer {timer.Id}: {timer.Action} {timer.Target} ({timer.Kind} {timer.Spec}), next at {Formatting.When(timer.NextAt)}");
            return 0;
        }));
        return command;
    }

    private static Command Status()
    {
        var hub = HubOption.Create();
        var all = new Option<bool>("--all") { Description = "Include ended and cancelled timers" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("status", "List timers with their next firing.") { hub, all, json };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var timers = await client.TimersStatusAsync(r.GetValue(all), ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(timers);
                return 0;
            }

            TableWriter.Write(["ID", "SCHEDULE", "ACTION", "NEXT", "LAST", "FIRED", "NOTE"],
                timers.Select(t => (IReadOnlyList<string>)
                [
                    Formatting.Num(t.Id), $"{t.Kind} {t.Spec}", $"{t.Action} {t.Target}", t.Active ? Formatting.When(t.NextAt) : "ended",
                    Formatting.When(t.LastAt), Formatting.Num(t.Fired), t.LastNote ?? "",
                ]).ToList(), "no timers");
            return 0;
        }));
        return command;
    }

    private static Command Cancel()
    {
        var hub = HubOption.Create();
        var id = new Argument<long>("id") { Description = "The timer" };
        var command = new Command("cancel", "Stop a timer.") { hub, id };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            await client.CancelTimerAsync(r.GetValue(id), ct);
            Console.Out.WriteLine($"timer {r.GetValue(id)} stopped");
            return 0;
        }));
        return command;
    }
}
