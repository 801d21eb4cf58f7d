using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Client;

namespace Cyclone.Cli.Commands.Access;

/// <summary>
/// <c>cyclone login --hub URL</c>: checks a token with the hub and stores it for the CLI (0600, per hub);
/// <c>cyclone logout</c> forgets it; <c>cyclone whoami</c> says who the stored token acts for.
/// </summary>
public static class LoginCommand
{
    public static Command Login()
    {
        var hub = HubOption.Create();
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "Read the token from FILE (default: standard input, or a prompt on a terminal)", HelpName = "FILE" };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM file of a private CA that signed the hub's TLS certificate; stored with the token", HelpName = "FILE" };
        var command = new Command("login", "Store a token for a hub (checked with the hub first) so that later commands use it.") { hub, tokenFile, ca };
        command.SetAction(async (r, ct) =>
        {
            if (!HubOption.TryParseList(r.GetValue(hub), out var hubs, out var error))
            {
                ClientAction.Fail(error);
                return CycloneCommandLine.UsageError;
            }

            var token = ReadToken(r.GetValue(tokenFile));
            if (string.IsNullOrEmpty(token))
            {
                ClientAction.Fail("no token given: pipe it in, type it at the prompt, or use --token-file FILE");
                return 1;
            }

            var caPath = r.GetValue(ca)?.FullName;
            try
            {
                using var client = new CycloneClient(hubs, new HubCredentials(token, caPath ?? Environment.GetEnvironmentVariable(HubTrust.CaVariable)));
                var me = await client.WhoAmIAsync(ct);
                foreach (var uri in hubs)
                {
                    // every hub of the list (an active hub and its standbys) gets the token, so that any of them can be named alone later
                    await new CredentialStore().SaveAsync(uri, token, caPath, ct);
                    Console.Out.WriteLine($"Logged in to {uri.AbsoluteUri.TrimEnd('/')} as {me.User} ({me.Role}); the token is stored in {new CredentialStore().DirectoryOf(uri)}");
                }

                return 0;
            }
            catch (Exception ex) when (ex is CycloneApiException or HubUnreachableException or ArgumentException or IOException)
            {
                ClientAction.Fail($"login failed: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    public static Command Logout()
    {
        var hub = HubOption.Create();
        var command = new Command("logout", "Forget the token stored for a hub.") { hub };
        command.SetAction(r =>
        {
            if (!HubOption.TryParseList(r.GetValue(hub), out var hubs, out var error))
            {
                ClientAction.Fail(error);
                return CycloneCommandLine.UsageError;
            }

            foreach (var uri in hubs)
            {
                Console.Out.WriteLine(new CredentialStore().Remove(uri) ? $"Logged out of {uri.AbsoluteUri.TrimEnd('/')}" : $"No token was stored for {uri.AbsoluteUri.TrimEnd('/')}");
            }

            return 0;
        });
        return command;
    }

    public static Command WhoAmI()
    {
        var hub = HubOption.Create();
        var command = new Command("whoami", "Who the token in use acts for, and with which role.") { hub };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var me = await client.WhoAmIAsync(ct);
            Console.Out.WriteLine($"{me.User} ({me.Role}, token {me.TokenId})");
            return 0;
        }));
        return command;
    }

    private static string? ReadToken(FileInfo? file)
    {
        if (file is not null)
        {
            return CredentialStore.ReadToken(file.FullName);
        }

        if (!Console.IsInputRedirected)
        {
            Console.Error.Write("Token: ");
            var typed = new System.Text.StringBuilder();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    Console.Error.WriteLine();
                    return typed.ToString().Trim();
                }

                if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                {
                    typed.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }
        }

        return Console.In.ReadLine()?.Trim();
    }
}
