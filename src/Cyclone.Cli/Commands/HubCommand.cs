using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Signals;
using Cyclone.Hub;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone hub</c>: runs a hub in this process until Ctrl-C or SIGTERM.</summary>
public static class HubCommand
{
    public static Command Create()
    {
        var options = new HubHostOptions();
        var command = new Command("hub", "Run a hub (REST API, scheduler, agent endpoint) until Ctrl-C or SIGTERM.");
        options.AddTo(command, withBind: true);
        command.Add(MigrateStoreCommand.Create());
        command.SetAction(async (result, ct) =>
        {
            using var signal = ShutdownSignal.Listen(ct);
            try
            {
                return await HubApplication.RunAsync(options.Overrides(result), null, signal.Token);
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception ex)
            {
                ClientAction.Fail($"the hub stopped: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
