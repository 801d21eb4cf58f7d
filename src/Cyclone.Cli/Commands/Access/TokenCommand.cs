using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands.Access;

/// <summary><c>cyclone token create|list|revoke</c>.</summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var name = new Option<string?>("--name") { Description = "What the token is for", HelpName = "N" };
        var expires = new Option<string?>("--expires") { Description = "Lifetime, e.g. 30d, 12h, 90m [default: never expires]", HelpName = "DURATION" };
        var role = new Option<string?>("--role") { Description = "user (the default) or agent (administrators)", HelpName = "ROLE" };
        var user = new Option<string?>("--user") { Description = "Whose token (administrators) [default: yours]", HelpName = "NAME" };
        var output = new Option<FileInfo?>("--output") { Description = "Write the secret to FILE (mode 0600) instead of printing it", HelpName = "FILE" };
        var create = new Command("create", "Create a token. Its secret is shown once.") { hub, name, expires, role, user, output };
        create.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var created = await client.CreateTokenAsync(
                new TokenCreateRequest { Name = r.GetValue(name), Expires = r.GetValue(expires), Role = r.GetValue(role), User = r.GetValue(user) }, ct);
            var t = created.Token;
            var expiry = t.ExpiresAt is { } e ? $", expires {Formatting.When(e)}" : "";
            if (r.GetValue(output) is { } file)
            {
                await Cyclone.Core.Files.PrivateFile.WriteAsync(file.FullName, created.Secret + "\n", ct);
                Console.Out.WriteLine($"Token {t.Id} ({t.Role} of {t.User}{expiry}) written to {file.FullName}");
                return 0;
            }

            Console.Error.WriteLine($"Token {t.Id} ({t.Role} of {t.User}{expiry}). Store it now; it is not shown again:");
            Console.Out.WriteLine(created.Secret);
            return 0;
        }));

        var hub2 = HubOption.Create();
        var of = new Option<string?>("--user") { Description = "Only this user's tokens (administrators)", HelpName = "NAME" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "Your tokens (administrators: everyone's). Secrets are never shown.") { hub2, of, json };
        list.SetAction(ClientAction.Create(hub2, async (r, client, ct) =>
        {
            var tokens = await client.ListTokensAsync(r.GetValue(of), ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(tokens);
                return 0;
            }

            TableWriter.Write(
                ["ID", "USER", "ROLE", "NAME", "PREFIX", "STATE", "CREATED", "EXPIRES"],
                tokens.Select(t => (IReadOnlyList<string>)[
                    $"{t.Id}", t.User, t.Role, t.Name, t.Prefix, t.State, Formatting.When(t.CreatedAt), t.ExpiresAt is { } e ? Formatting.When(e) : "never"]).ToList());
            return 0;
        }));

        var hub3 = HubOption.Create();
        var id = new Argument<long>("id") { Description = "The token's id (see cyclone token list)" };
        var revoke = new Command("revoke", "Revoke a token: it stops working at once, also for an agent connected with it.") { hub3, id };
        revoke.SetAction(ClientAction.Create(hub3, async (r, client, ct) =>
        {
            var t = await client.RevokeTokenAsync(r.GetValue(id), ct);
            Console.Out.WriteLine($"Token {t.Id} ({t.Role} of {t.User}) is {t.State}");
            return 0;
        }));
        return new Command("token", "Create, list and revoke access tokens.") { create, list, revoke };
    }
}
