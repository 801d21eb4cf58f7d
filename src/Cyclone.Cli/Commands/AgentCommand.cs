using System.CommandLine;
using Cyclone.Agent;
using Cyclone.Cli.Common;
using Cyclone.Cli.Configuration;
using Cyclone.Cli.Signals;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone agent --hub URL</c>: runs an agent in this process until Ctrl-C or SIGTERM.</summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create("The hub's REST address; a comma-separated list names several hubs (env CYCLONE_HUB sets the default)");
        var options = new AgentHostOptions();
        var executor = new Option<string?>("--executor") { Description = "How tasks run: process (on this host) or slurm (each as a Slurm batch job) [default: process]", HelpName = "KIND" };
        var pilot = new Option<bool>("--pilot") { Description = "Run as a pilot inside a Slurm allocation: leave before it ends, take no task that cannot finish in time" };
        var command = new Command("agent", "Run an agent that offers this host's slots to a hub, until Ctrl-C or SIGTERM.") { hub, executor, pilot };
        options.AddTo(command);
        var config = new ConfigFileOption();
        command.Add(config.File);
        command.SetAction(async (result, ct) =>
        {
            using var signal = ShutdownSignal.Listen(ct);
            try
            {
                var ini = config.Read(result, hub: false);
                using var held = ConfigFileOption.Hold(ini);
                // --hub, else CYCLONE_HUB, else the -f file's [comm] target and port, else the default
                var url = result.GetResult(hub) is { Implicit: false } || Environment.GetEnvironmentVariable("CYCLONE_HUB") is { Length: > 0 }
                    || !ini.Overrides.TryGetValue("Agent:HubUrl", out var fromFile) || fromFile is null
                    ? result.GetValue(hub) ?? HubOption.Default()
                    : fromFile;
                var overrides = ini.Overrides;
                foreach (var (key, value) in options.Overrides(result, url, null))
                {
                    overrides[key] = value; // the command line wins
                }

                if (result.GetValue(executor) is { Length: > 0 } kind)
                {
                    overrides["Agent:Executor"] = kind;
                }

                if (result.GetValue(pilot))
                {
                    overrides["Agent:Pilot"] = "true";
                }

                return await AgentApplication.RunAsync(overrides, signal.Token);
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                return 0;
            }
            catch (ConfigFileException ex)
            {
                ClientAction.Fail(ex.Message); // the -f file is wrong, or its pid file is held
                return 2;
            }
            catch (Exception ex)
            {
                ClientAction.Fail($"the agent stopped: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
