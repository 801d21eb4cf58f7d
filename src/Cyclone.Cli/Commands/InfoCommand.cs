using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone info</c>: the hubs (which is active), the agents and their resources, and jobs counted by state (like <c>sinfo</c>).</summary>
public static class InfoCommand
{
    public static Command Create(string name = "info", string description = "Show the hubs (active and standby), the agents (slots, resources, heartbeat) and jobs by state.")
    {
        var hub = HubOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the cluster as JSON" };
        var command = new Command(name, description) { hub, json };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var cluster = await client.GetClusterAsync(ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(cluster);
                return 0;
            }

            var now = DateTimeOffset.UtcNow;
            WriteHubs(cluster.Hubs, now);
            if (cluster.Agents.Count == 0)
            {
                Console.Out.WriteLine("no agents have joined; start one with `cyclone agent --hub URL`");
            }
            else
            {
                var rows = cluster.Agents.Select(a => (IReadOnlyList<string>)
                [
                    a.Name,
                    a.Host,
                    a.State,
                    $"{a.SlotsUsed}/{a.SlotsTotal}",
                    Formatting.Num(a.Cores),
                    Formatting.GiB(a.MemoryBytes),
                    Formatting.Num(a.Gpus),
                    a.Labels.Count == 0 ? "-" : string.Join(',', a.Labels),
                    Formatting.Ago(a.LastHeartbeat, now),
                    Pilot(a, now),
                ]).ToList();
                TableWriter.Write(["AGENT", "HOST", "STATE", "SLOTS", "CPUS", "MEM GiB", "GPUS", "LABELS", "HEARTBEAT", "PILOT"], rows);
            }

            Console.Out.WriteLine($"jobs: {Formatting.ByState(cluster.JobsByState)}");
            Console.Out.WriteLine($"tasks: {Formatting.ByState(cluster.TasksByState)}");
            return 0;
        }));
        return command;
    }

    /// <summary>One line per hub: the active one, then the standbys that reported lately.</summary>
    private static void WriteHubs(IReadOnlyList<Cyclone.Protocol.Rest.HubDto> hubs, DateTimeOffset now)
    {
        foreach (var hub in hubs)
        {
            Console.Out.WriteLine(hub.Role == "active"
                ? $"hub: {hub.Url} (active, {hub.Version})"
                : $"hub: {hub.Url} (standby, {hub.Version}, seen {Formatting.Ago(hub.LastSeen, now)})");
        }
    }

    /// <summary>For a pilot agent the time its allocation has left (<c>1h05m left</c>); <c>-</c> for other agents.</summary>
    internal static string Pilot(Cyclone.Protocol.Rest.AgentDto agent, DateTimeOffset now)
    {
        if (!agent.Pilot || agent.AllocationEndsAt is not { } end)
        {
            return "-";
        }

        var left = end - now;
        if (left <= TimeSpan.Zero)
        {
            return "ended";
        }

        return left.TotalHours >= 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)left.TotalHours}h{left.Minutes:00}m left")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{left.Minutes}m{left.Seconds:00}s left");
    }
}
