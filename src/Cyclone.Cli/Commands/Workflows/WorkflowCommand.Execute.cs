using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;

namespace Cyclone.Cli.Commands.Workflows;

public static partial class WorkflowCommand
{
    private static Command Execute()
    {
        var hub = HubOption.Create();
        var name = new Argument<string>("name") { Description = "The workflow" };
        var revision = new Option<string?>("--revision", "-r") { Description = "A commit [default: the newest]", HelpName = "COMMIT" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the run ends, showing progress; exit 0 when every node completed, else 1" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("execute", "Run a version of a workflow.") { hub, revision, wait, json, name };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var started = await client.ExecuteWorkflowAsync(r.GetValue(name)!, r.GetValue(revision), ct);
            if (!r.GetValue(wait))
            {
                if (r.GetValue(json))
                {
                    JsonOutput.Write(started);
                }
                else
                {
                    Console.Out.WriteLine($"run {started.RunId} of {started.Workflow} at {started.Commit?[..12]}");
                }

                return 0;
            }

            var status = await RunProgress.WaitAsync(client, started.RunId, ct);
            if (r.GetValue(json))
            {
                JsonOutput.Write(status);
            }

            return status.State == "COMPLETED" ? 0 : 1;
        }));
        return command;
    }
}
