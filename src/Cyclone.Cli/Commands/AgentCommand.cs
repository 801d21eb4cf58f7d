using System.CommandLine;
using Cyclone.Agent;
using Cyclone.Cli.Common;
using Cyclone.Cli.Signals;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone agent --hub URL</c>: runs an agent in this process until Ctrl-C or SIGTERM.</summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create("The hub's REST address; a comma-separated list names several hubs (env CYCLONE_HUB sets the default)");
        var options = new AgentHostOptions();
        var command = new Command("agent", "Run an agent that offers this host's slots to a hub, until Ctrl-C or SIGTERM.") { hub };
        options.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            using var signal = ShutdownSignal.Listen(ct);
            try
            {
                var url = result.GetValue(hub) ?? HubOption.Default();
                return await AgentApplication.RunAsync(options.Overrides(result, url, null), signal.Token);
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                return 0;
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
