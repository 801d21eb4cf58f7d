using System.CommandLine;
using System.Text.Json.Nodes;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands.Pull;

/// <summary>
/// What a shell worker says about a task it stole: <c>cyclone complete ID [--attempt A] [--exit-code C]</c>,
/// <c>cyclone fail ID --attempt A [--message M]</c>, <c>cyclone release ID --attempt A</c>. Prints the task's state
/// afterwards; a task the worker no longer holds (its lease ran out, it was cancelled) is an error, exit code 1.
/// </summary>
public static class TaskReportCommands
{
    public static Command Complete()
    {
        var exitCode = new Option<int>("--exit-code") { Description = "The task's exit code; non-zero means it failed (retried while retries are left)", HelpName = "C" };
        var outputs = new Option<string?>("--outputs") { Description = "The task's outputs, a JSON object (what downstream tasks receive)", HelpName = "JSON" };
        var message = new Option<string?>("--message") { Description = "A note on the outcome", HelpName = "M" };
        return Create(
            "complete",
            "Report that a stolen task ended (exit code 0: completed).",
            required: false,
            [exitCode, outputs, message],
            (r, request) =>
            {
                request.ExitCode = r.GetValue(exitCode);
                request.Message = r.GetValue(message);
                if (r.GetValue(outputs) is not { } text)
                {
                    return true;
                }

                if (!JsonArgument.TryParse(text, "--outputs", out var value))
                {
                    return false;
                }

                if (JsonNode.Parse(value!.Value.GetRawText()) is not JsonObject outputObject)
                {
                    ClientAction.Fail("--outputs must be a JSON object, such as {\"count\": 3}");
                    return false;
                }

                request.Outputs = outputObject;
                return true;
            },
            (client, id, request, ct) => client.CompleteTaskAsync(id, request, ct));
    }

    public static Command Fail()
    {
        var message = new Option<string?>("--message", "-m") { Description = "What went wrong", HelpName = "M" };
        var exitCode = new Option<int?>("--exit-code") { Description = "A non-zero exit code [default: 1]", HelpName = "C" };
        return Create(
            "fail",
            "Report that a stolen task failed (retried while retries are left).",
            required: true,
            [message, exitCode],
            (r, request) =>
            {
                request.Message = r.GetValue(message);
                request.ExitCode = r.GetValue(exitCode);
                return true;
            },
            (client, id, request, ct) => client.FailTaskAsync(id, request, ct));
    }

    public static Command Release() => Create(
        "release",
        "Hand a stolen task back unfinished: it goes back to the queue (no failure).",
        required: true,
        [],
        (_, _) => true,
        (client, id, request, ct) => client.ReleaseTaskAsync(id, request, ct));

    private static Command Create(
        string name,
        string description,
        bool required,
        IReadOnlyList<Option> extra,
        Func<ParseResult, TaskReportRequest, bool> fill,
        Func<CycloneClient, long, TaskReportRequest, CancellationToken, Task<TaskReportResultDto>> send)
    {
        var hub = HubOption.Create();
        var id = new Argument<long>("id") { Description = "The task's id, as steal printed it" };
        var attempt = new Option<int?>("--attempt") { Description = "The attempt steal printed" + (required ? "" : " [default: the one this worker holds]"), HelpName = "A", Required = required };
        var worker = PullOptions.Worker();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command(name, description) { hub, attempt, worker, json, id };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var request = new TaskReportRequest { Attempt = r.GetValue(attempt), Worker = PullOptions.WorkerOf(r, worker) };
            if (!fill(r, request))
            {
                return CycloneCommandLine.UsageError;
            }

            var result = await send(client, r.GetValue(id), request, ct);
            if (r.GetValue(json))
            {
                JsonOutput.WriteLine(result);
            }
            else
            {
                Console.Out.WriteLine($"task {result.Id} attempt {result.Attempt}: {result.State}");
            }

            return 0;
        }));
        return command;
    }
}
