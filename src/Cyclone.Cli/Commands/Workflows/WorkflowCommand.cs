using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;

namespace Cyclone.Cli.Commands.Workflows;

/// <summary><c>cyclone workflow publish|get|execute|cancel|status|history|delete|list</c>.</summary>
public static partial class WorkflowCommand
{
    public static Command Create() => new("workflow", "Publish, read, run and follow versioned workflows (native JSON or Nodeworks .nc).")
    {
        Publish(), Get(), Execute(), WorkflowRunCommands.Status(), WorkflowRunCommands.Cancel(), History(), Delete(), List(),
    };

    private static Command Publish()
    {
        var hub = HubOption.Create();
        var file = new Argument<FileInfo>("file") { Description = "The workflow file (.json native, .nc Nodeworks)" };
        var name = new Option<string?>("--name") { Description = "Workflow name [default: the file's name without extension]", HelpName = "NAME" };
        var format = new Option<string?>("--format") { Description = "native or nodeworks [default: from the file]", HelpName = "FORMAT" };
        var message = new Option<string?>("--message", "-m") { Description = "What changed, for the history", HelpName = "TEXT" };
        var json = new Option<bool>("--json") { Description = "Print the new version as JSON" };
        var command = new Command("publish", "Validate FILE and store it as a new version (a commit).") { hub, name, format, message, json, file };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var path = r.GetValue(file)!;
            var content = await File.ReadAllBytesAsync(path.FullName, ct);
            var fmt = r.GetValue(format) ?? (path.Extension.Equals(".nc", StringComparison.OrdinalIgnoreCase) ? "nodeworks" : null);
            var workflowName = r.GetValue(name) ?? Path.GetFileNameWithoutExtension(path.Name);
            var version = await client.PublishWorkflowAsync(workflowName, content, fmt, r.GetValue(message), ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(version);
            }
            else
            {
                Console.Out.WriteLine($"published {version.Name} ({version.Format}) as {version.Commit[..12]}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Get()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The workflow" };
        var revision = new Option<string?>("--revision", "-r") { Description = "A commit (full or abbreviated) [default: the newest]", HelpName = "COMMIT" };
        var run = new Option<long?>("--run") { Description = "The file a run executed, with the output values it computed filled in", HelpName = "RUN" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to FILE instead of stdout", HelpName = "FILE" };
        var command = new Command("get", "Print a version of a workflow, or what a run computed.") { hub, revision, run, output, name };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var content = r.GetValue(run) is { } runId
                ? await client.GetRunFileAsync(runId, ct)
                : (await client.GetWorkflowAsync(r.GetValue(name)!, r.GetValue(revision), ct)).Content;
            if (r.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, content, ct);
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(content, ct);
            }

            return 0;
        }));
        return command;
    }

    private static Command History()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The workflow" };
        var limit = new Option<int>("--limit") { Description = "At most this many versions", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("history", "List the versions of a workflow, newest first.") { hub, limit, json, name };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var versions = await client.WorkflowHistoryAsync(r.GetValue(name)!, r.GetValue(limit), ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(versions);
                return 0;
            }

            TableWriter.Write(["COMMIT", "WHEN", "AUTHOR", "FORMAT", "MESSAGE"],
                versions.Select(v => (IReadOnlyList<string>)[v.Commit[..12], Formatting.When(v.When), v.Author, v.Deleted ? "deleted" : v.Format, v.Message]).ToList(),
                $"workflow {r.GetValue(name)} has no versions");
            return 0;
        }));
        return command;
    }

    private static Command Delete()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The workflow" };
        var command = new Command("delete", "Delete a workflow; its history stays.") { hub, name };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var version = await client.DeleteWorkflowAsync(r.GetValue(name)!, ct);
            Console.Out.WriteLine($"deleted {version.Name} in {version.Commit[..12]}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var hub = HubOption.Create();
        var command = new Command("list", "List the stored workflows.") { hub };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            foreach (var name in await client.ListWorkflowsAsync(ct))
            {
                Console.Out.WriteLine(name);
            }

            return 0;
        }));
        return command;
    }
}
