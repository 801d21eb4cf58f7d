using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;

namespace Cyclone.Cli.Commands.Access;

/// <summary><c>cyclone audit</c>: the audit trail (administrators).</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var user = new Option<string?>("--user") { Description = "Only calls of this user", HelpName = "NAME" };
        var denied = new Option<bool>("--denied") { Description = "Only refused calls (401, 403)" };
        var limit = new Option<int>("--limit") { Description = "At most this many entries", DefaultValueFactory = _ => 50, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("audit", "Who did what, when: every change and every refused call, newest first (administrators).") { hub, user, denied, limit, json };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var entries = await client.AuditAsync(r.GetValue(user), null, r.GetValue(denied), r.GetValue(limit), ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(entries);
                return 0;
            }

            TableWriter.Write(
                ["TIME", "USER", "ROLE", "CALL", "STATUS", "FROM", "DETAIL"],
                entries.Select(e => (IReadOnlyList<string>)[
                    Formatting.When(e.At), e.User ?? "-", e.Role ?? "-", $"{e.Method} {e.Path}", $"{e.Status}", e.Remote ?? "-", e.Detail ?? ""]).ToList());
            return 0;
        }));
        return command;
    }
}
