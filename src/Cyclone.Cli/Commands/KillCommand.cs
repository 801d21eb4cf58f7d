using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Client;

namespace Cyclone.Cli.Commands;

/// <summary>
/// <c>cyclone kill JOB[_ELEMENT]...</c>: cancels jobs, or single array elements as <c>12_5</c> (like <c>scancel</c>);
/// exit 1 if any could not be cancelled.
/// </summary>
public static class KillCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var jobs = new Argument<string[]>("job") { Description = "Ids of the jobs to cancel; JOB_N cancels element N of a job array", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print each job as it is afterwards, one JSON line each" };
        var command = new Command("kill", "Cancel jobs: pending tasks end, running ones are killed.") { hub, json, jobs };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var failed = false;
            foreach (var target in r.GetValue(jobs) ?? [])
            {
                if (!JobTarget.TryParse(target, out var id, out var element))
                {
                    ClientAction.Fail($"'{target}' is not a job id (12) or an array element (12_5)");
                    failed = true;
                    continue;
                }

                try
                {
                    // a job that has ended already (cancelled included) is reported as such, not cancelled again
                    var before = await client.GetJobAsync(id, ct);
                    var ended = before.EndedAt is not null;
                    var job = ended ? before : await client.CancelJobAsync(id, element, ct);
                    if (r.GetValue(json))
                    {
                        JsonOutput.WriteLine(job);
                    }
                    else
                    {
                        Console.Out.WriteLine(ended ? $"job {id} had already ended ({job.State})" : $"{(element is null ? "job" : "array element")} {target} cancelled");
                    }
                }
                catch (CycloneApiException ex)
                {
                    ClientAction.Fail(ex.Message);
                    failed = true;
                }
            }

            return failed ? 1 : 0;
        }));
        return command;
    }
}
