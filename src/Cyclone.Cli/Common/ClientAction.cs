using System.CommandLine;
using Cyclone.Cli.Signals;
using Cyclone.Client;

namespace Cyclone.Cli.Common;

/// <summary>
/// Runs a client command: makes the <see cref="CycloneClient"/> for <c>--hub</c>, listens for Ctrl-C, and turns
/// errors into one line on stderr (<c>cyclone: ...</c>) and exit code 1.
/// </summary>
public static class ClientAction
{
    /// <summary>Exit code when the user interrupted the command (Ctrl-C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>An action for <see cref="Command.SetAction(Func{ParseResult, CancellationToken, Task{int}})"/>.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Create(
        Option<string> hub, Func<ParseResult, CycloneClient, CancellationToken, Task<int>> body) =>
        async (result, ct) =>
        {
            if (!HubOption.TryParse(result.GetValue(hub), out var uri, out var error))
            {
                Fail(error);
                return CycloneCommandLine.UsageError;
            }

            using var signal = ShutdownSignal.Listen(ct);
            CycloneClient client;
            try
            {
                client = new CycloneClient(uri, new CredentialStore().Resolve(uri));
            }
            catch (ArgumentException ex)
            {
                Fail(ex.Message);
                return 1;
            }

            using var owned = client;
            try
            {
                return await body(result, client, signal.Token);
            }
            catch (CycloneApiException ex)
            {
                Fail(ex.Message);
                return 1;
            }
            catch (HubUnreachableException ex)
            {
                Fail(ex.Message);
                return 1;
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                return Interrupted;
            }
            catch (IOException ex)
            {
                Fail(ex.Message);
                return 1;
            }
        };

    /// <summary>Writes <c>cyclone: message</c> to stderr.</summary>
    public static void Fail(string message) => Console.Error.WriteLine($"cyclone: {message}");
}
