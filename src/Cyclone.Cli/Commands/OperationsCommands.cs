using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone status</c>, <c>cyclone runners status|cancel|shutdown</c> and <c>cyclone admin cancel-all|shutdown</c>.</summary>
public static class OperationsCommands
{
    public static Command Status()
    {
        var hub = HubOption.Create();
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("status", "The hub at a glance: version, uptime, agents, work by state, workflows, timers.") { hub, json };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var s = await client.StatusAsync(ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(s);
                return 0;
            }

            Console.Out.WriteLine($"hub {s.Version}, up {TimeSpan.FromSeconds(Math.Round(s.UptimeSeconds))}, data in {s.DataDirectory}");
            Console.Out.WriteLine($"agents: {s.AgentsUp} up of {s.AgentsKnown} known");
            Console.Out.WriteLine($"jobs:   {Formatting.ByState(s.Jobs)}");
            Console.Out.WriteLine($"tasks:  {Formatting.ByState(s.Tasks)}");
            Console.Out.WriteLine($"workflows: {s.Workflows}, active timers: {s.ActiveTimers}");
            return 0;
        }));
        return command;
    }

    public static Command Runners()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The runner (agent) name" };
        var cancel = new Command("cancel", "Cancel the tasks running on a runner.") { hub, name };
        cancel.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            Console.Out.WriteLine((await client.CancelRunnerWorkAsync(r.GetValue(name)!, ct)).Message);
            return 0;
        }));
        var hub2 = HubOption.Create();
        var name2 = new Argument<string>("name") { Description = "The runner (agent) name" };
        var shutdown = new Command("shutdown", "Ask a runner to leave; it stops as on SIGTERM.") { hub2, name2 };
        shutdown.SetAction(ClientAction.Create(hub2, async (r, client, ct) =>
        {
            Console.Out.WriteLine((await client.ShutdownRunnerAsync(r.GetValue(name2)!, ct)).Message);
            return 0;
        }));
        var status = InfoCommand.Create("status", "Runners (agents) and their resources; same as cyclone info.");
        return new Command("runners", "Runners (agents): list, cancel their work, shut them down.") { status, cancel, shutdown };
    }

    public static Command Admin()
    {
        var hub = HubOption.Create();
        var cancelAll = new Command("cancel-all", "Cancel every task that has not ended.") { hub };
        cancelAll.Aliases.Add("cancel_all");
        cancelAll.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            Console.Out.WriteLine((await client.CancelAllAsync(ct)).Message);
            return 0;
        }));
        var hub2 = HubOption.Create();
        var shutdown = new Command("shutdown", "Stop the hub gracefully.") { hub2 };
        shutdown.SetAction(ClientAction.Create(hub2, async (r, client, ct) =>
        {
            Console.Out.WriteLine((await client.ShutdownHubAsync(ct)).Message);
            return 0;
        }));
        return new Command("admin", "Administration: cancel all work, stop the hub.") { cancelAll, shutdown };
    }
}
