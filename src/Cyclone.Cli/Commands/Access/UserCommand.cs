using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands.Access;

/// <summary><c>cyclone user add|list|disable|enable NAME</c> (administrators).</summary>
public static class UserCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The user's name (lower-case letters, digits, _ . -)" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator" };
        var add = new Command("add", "Add a user; then give it a token with: cyclone token create --user NAME") { hub, name, admin };
        add.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var user = await client.AddUserAsync(r.GetValue(name)!, r.GetValue(admin), ct);
            Console.Out.WriteLine($"Added user {user.Name}{(user.Admin ? " (administrator)" : "")}");
            return 0;
        }));

        var hub2 = HubOption.Create();
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "Every user.") { hub2, json };
        list.SetAction(ClientAction.Create(hub2, async (r, client, ct) =>
        {
            var users = await client.ListUsersAsync(ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(users);
                return 0;
            }

            TableWriter.Write(
                ["USER", "ROLE", "STATE", "CREATED", "BY"],
                users.Select(u => (IReadOnlyList<string>)[u.Name, u.Admin ? "admin" : "user", u.Disabled ? "disabled" : "active", Formatting.When(u.CreatedAt), u.CreatedBy]).ToList());
            return 0;
        }));

        return new Command("user", "Manage users (administrators).") { add, list, Change("disable", true), Change("enable", false) };
    }

    private static Command Change(string verb, bool disabled)
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The user's name" };
        var command = new Command(verb, disabled ? "Disable a user: every token of it stops working at once." : "Enable a disabled user again.") { hub, name };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var user = await client.UpdateUserAsync(r.GetValue(name)!, new UserUpdateRequest { Disabled = disabled }, ct);
            Console.Out.WriteLine($"User {user.Name} is {(user.Disabled ? "disabled" : "enabled")}");
            return 0;
        }));
        return command;
    }
}
