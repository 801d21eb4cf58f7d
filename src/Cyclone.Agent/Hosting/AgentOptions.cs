using System.Net;

namespace Cyclone.Agent.Hosting;

/// <summary>The agent's settings (configuration section <c>Agent</c>).</summary>
public sealed partial class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>The <see cref="Executor"/> that runs tasks as processes on this host.</summary>
    public const string ProcessExecutorName = "process";

    /// <summary>The <see cref="Executor"/> that runs tasks as Slurm batch jobs.</summary>
    public const string SlurmExecutorName = "slurm";

    /// <summary>True when tasks run through Slurm.</summary>
    public bool UsesSlurm => string.Equals(Executor, SlurmExecutorName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// REST base URL of the hub, where <c>/healthz</c> tells the gRPC port. A comma-separated list names
    /// several hubs, tried in turn. Default: <c>http://127.0.0.1:5080</c>.
    /// </summary>
    public string HubUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The agent token (role <c>agent</c>) presented to the hub. Default: read from <see cref="TokenFile"/>, else from the
    /// environment variable <c>CYCLONE_TOKEN</c>. It is never passed on to the tasks the agent runs.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>A file holding the agent token (its first line). Default: none.</summary>
    public string? TokenFile { get; set; }

    /// <summary>A PEM file of the CA that signed the hub's TLS certificate, when it is not one the system trusts. Default: <c>CYCLONE_CA</c>, else none.</summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// Where the agent keeps what must outlive it (the process trees it runs, so that the next agent of this name can
    /// stop what a crashed one left). Default: <c>$XDG_STATE_HOME/cyclone/agent-NAME</c>, else <c>~/.local/state/cyclone/agent-NAME</c>.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>The agent's name at the hub; unique among live agents. Default: the host name.</summary>
    public string Name { get; set; } = Dns.GetHostName();

    /// <summary>How many slots (units of concurrent work) the agent offers. Default: the number of processors.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Short tasks (those whose kind recently took under the hub's <c>ShortTask</c>, 100 ms by default) the agent takes
    /// per slot beyond its free slots, to start the moment a slot frees up instead of a round trip to the hub later.
    /// Per slot, so that agents get queued work in proportion to their size, and what waits is at most this many times
    /// the short-task time. 0 turns it off, at most 10,000. Default: 128.
    /// </summary>
    public int Prefetch { get; set; } = 128;

    /// <summary>Comma-separated labels that tasks may require (for example <c>gpu,big-memory</c>). Default: none.</summary>
    public string Labels { get; set; } = string.Empty;

    /// <summary>A directory of .NET assemblies with typed task classes (<c>[CycloneTask("kind")]</c>) to load besides the built-ins. Default: none.</summary>
    public string? PluginDirectory { get; set; }

    /// <summary>
    /// Time between SIGTERM and SIGKILL when a process tree is killed (time limit, stop order, shutdown).
    /// Default: 10 s.
    /// </summary>
    public TimeSpan KillGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long running attempts may go on finishing when the agent shuts down before they are killed and
    /// handed back to the hub. Default: 5 s.
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest time output waits in the agent before it is sent to the hub. Default: 100 ms.</summary>
    public TimeSpan OutputFlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Output bytes that make a batch go out at once, before the flush interval. Default: 256 KiB.</summary>
    public int OutputBatchBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Most output bytes kept in memory while the hub cannot be reached; output beyond it is dropped (and
    /// the drop logged) so that a chatty task cannot exhaust the agent's memory. Outcomes are never dropped.
    /// Default: 64 MiB.
    /// </summary>
    public long OutputBufferBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Longest wait between two attempts to reach the hub (the wait starts at 1 s and doubles). Default: 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How the agent runs command tasks: <c>process</c> (on this host) or <c>slurm</c> (each as a Slurm batch job, from a
    /// login node; <see cref="Slurm"/>). Default: <c>process</c>.
    /// </summary>
    public string Executor { get; set; } = ProcessExecutorName;

    /// <summary>Settings of the Slurm executor (section <c>Agent:Slurm</c>).</summary>
    public Executors.Slurm.SlurmExecutorOptions Slurm { get; set; } = new();

    /// <summary>
    /// True for a pilot agent, one that runs inside a Slurm allocation: it tells the hub when the allocation ends (read
    /// from <c>SLURM_JOB_END_TIME</c>, else from <c>squeue</c> for <c>SLURM_JOB_ID</c>, unless <see cref="AllocationEnd"/>
    /// gives it), takes no task whose time limit reaches past it, and leaves <see cref="PilotMargin"/> before it. Default: false.
    /// </summary>
    public bool Pilot { get; set; }

    /// <summary>When a pilot agent's allocation ends. Default: found out from Slurm (see <see cref="Pilot"/>).</summary>
    public DateTimeOffset? AllocationEnd { get; set; }

    /// <summary>How long before its allocation ends a pilot agent leaves (so that it goes before Slurm kills it). Default: 1 min.</summary>
    public TimeSpan PilotMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a pilot agent asks Slurm again when its allocation ends (<c>squeue -j $SLURM_JOB_ID -o %e</c>), so that
    /// an allocation extended (or cut) with <c>scontrol update JobId=... TimeLimit=...</c> moves when it leaves and what
    /// the hub leases it. Default: 1 min.
    /// </summary>
    public TimeSpan PilotRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The state directory: <see cref="StateDirectory"/> or its default for this agent's name.</summary>
    public string StateDirectoryPath()
    {
        if (!string.IsNullOrEmpty(StateDirectory))
        {
            return StateDirectory;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var safe = string.Concat(Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(root, "cyclone", $"agent-{safe}");
    }

    /// <summary>The hub URLs of <see cref="HubUrl"/>, in order. Call after <see cref="Problems"/> found nothing.</summary>
    public IReadOnlyList<Uri> HubUrls() =>
        SplitList(HubUrl).Select(u => new Uri(u.EndsWith('/') ? u : u + "/", UriKind.Absolute)).ToList();

    /// <summary>The labels of <see cref="Labels"/>, trimmed, without empty entries or repeats.</summary>
    public IReadOnlyList<string> LabelList() => SplitList(Labels).Distinct(StringComparer.Ordinal).ToList();

    private static string[] SplitList(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
