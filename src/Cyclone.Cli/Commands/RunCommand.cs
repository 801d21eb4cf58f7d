using System.Collections;
using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Cli.Jobs;
using Cyclone.Cli.Output;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone run [options] -- COMMAND ARGS...</c>: submits a job, like Slurm's <c>srun</c>/<c>sbatch</c>.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create();
        var nodes = new Option<int>("--nodes", "-n") { Description = "Distinct agents to run on, all at once", HelpName = "NODES", DefaultValueFactory = _ => 1 };
        var procs = new Option<int>("--procs", "-p") { Description = "Processes per node", HelpName = "PROCS", DefaultValueFactory = _ => 1 };
        var cpus = new Option<int>("--cpus") { Description = "Slots each process holds", HelpName = "C", DefaultValueFactory = _ => 1 };
        var mem = new Option<string?>("--mem") { Description = "Memory per node, Slurm-style (512M, 4G; bare numbers are MB)", HelpName = "SIZE" };
        var gpus = new Option<int>("--gpus") { Description = "GPUs per node", HelpName = "G" };
        var time = new Option<string?>("--time") { Description = "Time limit: minutes, h:m:s or d-h:m:s", HelpName = "LIMIT" };
        var retries = new Option<int>("--retries") { Description = "Retries after a failed attempt", HelpName = "K" };
        var labels = new Option<string[]>("--label") { Description = "A label every chosen agent must carry (repeat, or a,b)", HelpName = "L" };
        var priority = new Option<int>("--priority") { Description = "Higher runs first", HelpName = "P" };
        var name = new Option<string?>("--job-name", "-J") { Description = "Name to show [default: the program's name]", HelpName = "NAME" };
        var output = new Option<string?>("--output", "-o") { Description = "File pattern for each process's stdout (%j job, %n node, %t task)", HelpName = "PATTERN" };
        var error = new Option<string?>("--error", "-e") { Description = "File pattern for each process's stderr [default: the --output file]", HelpName = "PATTERN" };
        var chdir = new Option<string?>("--chdir", "-D") { Description = "Working directory of the processes [default: the current directory]", HelpName = "DIR" };
        var array = new Option<string?>("--array", "-a") { Description = "Run a job array: indices such as 0-99 or 1,3,5-7, with %N to run at most N at once; each element gets CYCLONE_ARRAY_TASK_ID", HelpName = "INDICES" };
        var dependency = new Option<string?>("--dependency", "-d") { Description = "Start only after other jobs end: afterok:ID[:ID...], afterany:..., afternotok:..., comma-separated", HelpName = "DEPS" };
        var defer = new Option<bool>("--defer") { Description = "Accept the job even if no agent connected now could run it" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job ends; exit with its status (0, its exit code, 124 timeout, 130 cancelled)" };
        var json = new Option<bool>("--json") { Description = "Print the submission's ids as JSON (with --wait: the ended job)" };
        var task = new Option<string?>("--task") { Description = "Run a typed task of this kind (noop, sleep, math.Add, a plugin's kind) instead of a command", HelpName = "KIND" };
        var param = new Option<string[]>("--param") { Description = "A typed task's parameter NAME=VALUE (repeat; JSON values such as 12 or true are typed)", HelpName = "NAME=VALUE" };
        var paramFile = new Option<string?>("--param-file") { Description = "A task file of the typed task's parameters (a JSON object, or XML); --param overrides them", HelpName = "FILE" };
        var commandLine = new Argument<string[]>("command")
        {
            Description = "The program and its arguments; put them after -- (cyclone's options end at the program's name)",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("run", "Submit a job that runs COMMAND on NODES agents with PROCS processes each.")
        {
            hub, nodes, procs, cpus, mem, gpus, time, retries, labels, priority, name, output, error, chdir, array, dependency, defer, wait, json, task, param, paramFile, commandLine,
        };
        command.Validators.Add(result =>
        {
            // An unknown option before the command lands in the command; no program's name starts with '-'.
            if (result.GetValue(commandLine) is [{ } first, ..] && first.StartsWith('-') && first != "-")
            {
                result.AddError($"unknown option '{first}' for run; the command to run goes after --, for example: cyclone run -n 2 -- hostname");
            }

            var hasCommand = result.GetValue(commandLine) is { Length: > 0 };
            if (hasCommand == (result.GetValue(task) is not null))
            {
                result.AddError(hasCommand
                    ? "give either a command or --task, not both"
                    : "give a command to run (after --) or a typed task with --task KIND");
            }
        });
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var request = new SubmitJobRequest
            {
                Command = r.GetValue(commandLine) is { Length: > 0 } c ? c : null,
                Task = r.GetValue(task),
                Parameters = TaskParameters.Read(r.GetValue(param) ?? [], r.GetValue(paramFile)),
                Name = r.GetValue(name),
                Nodes = r.GetValue(nodes),
                ProcsPerNode = r.GetValue(procs),
                CpusPerProc = r.GetValue(cpus),
                Memory = r.GetValue(mem),
                Gpus = r.GetValue(gpus),
                TimeLimit = r.GetValue(time),
                Retries = r.GetValue(retries),
                Labels = Formatting.SplitList(r.GetValue(labels)) is { Count: > 0 } l ? l : null,
                Priority = r.GetValue(priority),
                OutputPattern = r.GetValue(output),
                ErrorPattern = r.GetValue(error),
                WorkingDirectory = Path.GetFullPath(r.GetValue(chdir) ?? Environment.CurrentDirectory),
                Environment = SubmitterEnvironment(),
                Defer = r.GetValue(defer),
                Array = r.GetValue(array),
                Dependency = r.GetValue(dependency),
            };
            var submitted = await client.SubmitAsync(request, ct);
            if (!r.GetValue(wait))
            {
                if (r.GetValue(json))
                {
                    JsonOutput.Write(submitted);
                }
                else
                {
                    Console.Out.WriteLine(submitted.JobId);
                }

                return 0;
            }

            return await WaitAsync(client, submitted.JobId, r.GetValue(json), ct);
        }));
        return command;
    }

    private static async Task<int> WaitAsync(CycloneClient client, long jobId, bool json, CancellationToken ct)
    {
        if (!json)
        {
            Console.Out.WriteLine(jobId);
            Console.Out.Flush();
        }

        JobDto job;
        try
        {
            job = await JobWaiter.WaitAsync(client, jobId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            ClientAction.Fail($"stopped waiting; job {jobId} goes on (see `cyclone queue`, stop it with `cyclone kill {jobId}`)");
            return ClientAction.Interrupted;
        }

        if (json)
        {
            JsonOutput.Write(job);
        }

        return JobWaiter.ExitCodeOf(job);
    }

    private static Dictionary<string, string> SubmitterEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value && !SecretVariables.IsSecret(key))
            {
                environment[key] = value;
            }
        }

        return environment;
    }
}
