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
            if (!HubOption.TryParseList(result.GetValue(hub), out var hubs, out var error))
            {
                Fail(error);
                return CycloneCommandLine.UsageError;
            }

            using var signal = ShutdownSignal.Listen(ct);
            CycloneClient client;
            try
            {
                client = new CycloneClient(hubs, Credentials(hubs));
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

    /// <summary>What to present to <paramref name="hubs"/>: what is stored for the first of them that has a token (the environment first).</summary>
    public static HubCredentials Credentials(IReadOnlyList<Uri> hubs)
    {
        var store = new CredentialStore();
        var all = hubs.Select(store.Resolve).ToList();
        return all.Find(c => c.Token is not null) ?? all[0];
    }

    /// <summary>Writes <c>cyclone: message</c> to stderr.</summary>
    public static void Fail(string message) => Console.Error.WriteLine($"cyclone: {message}");
}
