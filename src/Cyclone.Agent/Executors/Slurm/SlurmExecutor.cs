using System.Globalization;
using Cyclone.Agent.Attempts;
using Cyclone.Agent.Hosting;
using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// Runs leases as Slurm batch jobs (an agent started with <c>--executor slurm</c>, on a host where <c>sbatch</c> works):
/// commands as they are, typed tasks through <c>cyclone task exec</c> (<see cref="SlurmTypedTask"/>).
/// Each node of each attempt is one job, named and commented with the task, the attempt and the agent
/// (<see cref="SlurmJobName"/>), with its files in a directory of its own (<see cref="SlurmJobFiles"/>). At start,
/// <see cref="RecoverAsync"/> finds the jobs a previous agent of the same name left, so that they are reported to the hub
/// as running and either go on or are cancelled.
/// </summary>
public sealed partial class SlurmExecutor
{
    private readonly ISlurmCommands _commands;
    private readonly IOutputSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<SlurmExecutor> _logger;
    private readonly string _agent;
    private readonly string _root;
    private readonly string? _plugins;

    public SlurmExecutor(AgentOptions options, ISlurmCommands commands, SlurmQueue queue, IOutputSink sink, TimeProvider time, ILogger<SlurmExecutor> logger)
    {
        Options = options.Slurm;
        Queue = queue;
        _commands = commands;
        _sink = sink;
        _time = time;
        _logger = logger;
        _agent = options.Name;
        _plugins = options.PluginDirectory;
        _root = string.IsNullOrEmpty(Options.JobDirectory) ? Path.Combine(options.StateDirectoryPath(), "slurm-jobs") : Path.GetFullPath(Options.JobDirectory);
    }

    public SlurmExecutorOptions Options { get; }

    public SlurmQueue Queue { get; }

    /// <summary>Starts <paramref name="lease"/> as a new Slurm job.</summary>
    public IRunningAttempt Start(Lease lease)
    {
        var attempt = new SlurmAttempt(lease, new SlurmJobFiles(_root, AttemptId.Of(lease)), null, this, _sink, _time, _logger);
        attempt.Begin();
        return attempt;
    }

    /// <summary>Writes the attempt's files and submits its job; the job id, or null and why not.</summary>
    internal async Task<(long? JobId, string Error)> SubmitAsync(SlurmAttempt attempt, CancellationToken ct)
    {
        var lease = attempt.Lease;
        var files = attempt.Files;
        var host = Environment.MachineName;
        var command = string.IsNullOrEmpty(lease.Kind) ? lease.Command.ToList() : SlurmTypedTask.Command(CycloneProgram.Words(Options.Cyclone), files.LeaseFile, _plugins);
        if (command.Count == 0)
        {
            return (null, "the lease has neither a command nor a typed task kind");
        }

        var workingDir = WorkingDirectory(lease);
        if (!Directory.Exists(workingDir))
        {
            return (null, $"working directory '{lease.WorkingDir}' does not exist on host {host}");
        }

        if (SlurmOutputFiles.Create(lease, files, workingDir) is { } outputError)
        {
            return (null, outputError);
        }

        Dictionary<string, string> variables;
        try
        {
            Directory.CreateDirectory(files.Directory);
            await File.WriteAllBytesAsync(files.LeaseFile, lease.ToByteArray(), ct);
            var data = TaskDataFiles.WriteInputs(lease, files.Directory);
            variables = new Dictionary<string, string>(lease.ExtraEnv, StringComparer.Ordinal);
            foreach (var (key, value) in data.Concat(LeaseEnvironment.For(lease, 0)))
            {
                variables[key] = value;
            }

            await File.WriteAllTextAsync(files.RankScript, SlurmJobScript.Rank(lease, command, files, variables), ct);
            await File.WriteAllTextAsync(files.BatchScript, SlurmJobScript.Batch(lease, files, _agent), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return (null, $"cannot write the job's files in '{files.Directory}' on host {host}: {ex.Message}");
        }

        var args = SbatchArguments.For(lease, Options, _agent, files, workingDir);
        var result = await _commands.RunAsync("sbatch", args, SubmitEnvironment(lease), ct);
        if (!result.Succeeded || SlurmOutputParser.SbatchJobId(result.Stdout) is not { } jobId)
        {
            return (null, $"sbatch refused the job on host {host}: {result.Problem}");
        }

        await File.WriteAllTextAsync(files.JobIdFile, jobId.ToString(CultureInfo.InvariantCulture), ct);
        return (jobId, string.Empty);
    }

    /// <summary>Where the job runs (<c>--chdir</c>) and relative output patterns start: the task's directory, else the agent's.</summary>
    internal static string WorkingDirectory(Lease lease) =>
        string.IsNullOrEmpty(lease.WorkingDir) ? Environment.CurrentDirectory : Path.GetFullPath(lease.WorkingDir);

    /// <summary>Asks Slurm to cancel the job; true when it took the order.</summary>
    internal async Task<bool> CancelAsync(long jobId, string why, CancellationToken ct)
    {
        var result = await _commands.RunAsync("scancel", [jobId.ToString(CultureInfo.InvariantCulture)], null, ct);
        if (result.Succeeded)
        {
            LogCancelled(jobId, why);
        }
        else
        {
            LogCancelFailed(jobId, result.Problem);
        }

        return result.Succeeded;
    }

    /// <summary>
    /// The environment sbatch runs in, which the job inherits (<c>--export=ALL</c>): the task's own environment when the
    /// lease carries one (as the process executor does), else the agent's; never the agent's secrets. Slurm's
    /// <c>SLURM_CONF</c> of the agent is kept so that sbatch finds its cluster.
    /// </summary>
    private static Dictionary<string, string>? SubmitEnvironment(Lease lease)
    {
        if (lease.Env.Count == 0)
        {
            return null;
        }

        var environment = lease.Env.Where(e => !Cyclone.Client.SecretVariables.IsSecret(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (Environment.GetEnvironmentVariable("SLURM_CONF") is { Length: > 0 } conf && !environment.ContainsKey("SLURM_CONF"))
        {
            environment["SLURM_CONF"] = conf;
        }

        return environment;
    }
}
