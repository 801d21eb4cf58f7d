using System.CommandLine;
using Cyclone.Cli.Commands.Workflows;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone submit FILE</c>: runs a plain task file, one task per line (<c>name[,dep...] command</c>).</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var file = new Argument<FileInfo>("file") { Description = "The task file: one 'name[,dep1,dep2] command' per line (see docs/workflows.md)" };
        var name = new Option<string?>("--name") { Description = "Name of the run [default: the file's name]", HelpName = "NAME" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the run ends, showing progress" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("submit", "Run the tasks of a plain task file as one graph.") { hub, name, wait, json, file };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var path = r.GetValue(file)!;
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            var started = await client.SubmitTaskFileAsync(r.GetValue(name) ?? Path.GetFileNameWithoutExtension(path.Name), text, ct);
            if (!r.GetValue(wait))
            {
                if (r.GetValue(json))
                {
                    JsonOutput.Write(started);
                }
                else
                {
                    Console.Out.WriteLine($"run {started.RunId} submitted");
                }

                return 0;
            }

            var status = await RunProgress.WaitAsync(client, started.RunId, ct);
            return status.State == "COMPLETED" ? 0 : 1;
        }));
        return command;
    }
}
