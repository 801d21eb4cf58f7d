using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Configuration;
using Cyclone.Cli.Signals;
using Cyclone.Hub;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone hub</c>: runs a hub in this process until Ctrl-C or SIGTERM.</summary>
public static class HubCommand
{
    public static Command Create()
    {
        var options = new HubHostOptions();
        var config = new ConfigFileOption();
        var command = new Command("hub", "Run a hub (REST API, scheduler, agent endpoint) until Ctrl-C or SIGTERM.");
        options.AddTo(command, withBind: true);
        command.Add(config.File);
        command.Add(MigrateStoreCommand.Create());
        command.SetAction(async (result, ct) =>
        {
            using var signal = ShutdownSignal.Listen(ct);
            try
            {
                var ini = config.Read(result, hub: true);
                using var held = ConfigFileOption.Hold(ini);
                var overrides = ini.Overrides;
                foreach (var (key, value) in options.Overrides(result))
                {
                    overrides[key] = value; // the command line wins
                }

                return await HubApplication.RunAsync(overrides, null, signal.Token);
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
                ClientAction.Fail($"the hub stopped: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
