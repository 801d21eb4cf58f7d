using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Output;
using Cyclone.Client;

namespace Cyclone.Cli.Commands;

/// <summary>
/// <c>cyclone retry JOB...</c>: a job that has ended runs its failed, timed-out, cancelled and upstream-failed tasks again as
/// new attempts (like Slurm's <c>scontrol requeue</c>); its completed tasks stay. Exit 1 if any job could not be retried.
/// </summary>
public static class RetryCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var jobs = new Argument<long[]>("job") { Description = "Ids of the jobs to retry", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print each job as it is afterwards, one JSON line each" };
        var command = new Command("retry", "Run a finished job's unsuccessful tasks again (owner or administrator).") { hub, json, jobs };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var failed = false;
            foreach (var id in r.GetValue(jobs) ?? [])
            {
                try
                {
                    var job = await client.RetryJobAsync(id, ct);
                    if (r.GetValue(json))
                    {
                        JsonOutput.WriteLine(job);
                    }
                    else
                    {
                        Console.Out.WriteLine($"job {id} retried: {job.State}");
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
