using Cyclone.Core.Parsing;

namespace Cyclone.Agent.Hosting;

public sealed partial class AgentOptions
{
    /// <summary>Largest accepted <see cref="OutputBatchBytes"/>: well under the hub's message size limit.</summary>
    public const int MaxOutputBatchBytes = 8 * 1024 * 1024;

    /// <summary>Longest grace, and longest wait between attempts to reach the hub: a day (timers take no more than 49 days).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>Longest <see cref="OutputFlushInterval"/>: a minute.</summary>
    public static readonly TimeSpan MaxFlushInterval = TimeSpan.FromMinutes(1);

    /// <summary>Checks every setting; returns what is wrong (naming the setting), or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(PluginDirectory) && !Directory.Exists(PluginDirectory))
        {
            yield return $"Agent:PluginDirectory '{Excerpt.Of(PluginDirectory)}' is not a directory";
        }

        if (!string.IsNullOrEmpty(TokenFile) && !File.Exists(TokenFile))
        {
            yield return $"Agent:TokenFile '{Excerpt.Of(TokenFile)}' does not exist";
        }

        if (!string.IsNullOrEmpty(CaFile) && !File.Exists(CaFile))
        {
            yield return $"Agent:CaFile '{Excerpt.Of(CaFile)}' does not exist";
        }

        var urls = SplitList(HubUrl).ToList();
        if (urls.Count == 0)
        {
            yield return "Agent:HubUrl is empty; give the hub's REST address, for example http://127.0.0.1:5080";
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return $"Agent:HubUrl entry '{Excerpt.Of(url)}' is not an absolute http:// or https:// URL";
            }
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            yield return $"Agent:Name must be 1 to 200 characters (is '{Excerpt.Of(Name)}')";
        }

        if (Prefetch is < 0 or > 10_000)
        {
            yield return $"Agent:Prefetch must be between 0 and 10000 (is {Prefetch})";
        }

        if (Slots < 1)
        {
            yield return $"Agent:Slots must be at least 1 (is {Slots})";
        }

        foreach (var label in LabelList())
        {
            if (label.Any(char.IsWhiteSpace))
            {
                yield return $"Agent:Labels entry '{Excerpt.Of(label)}' contains white space";
            }
        }

        if (KillGrace < TimeSpan.Zero || KillGrace > MaxWait)
        {
            yield return $"Agent:KillGrace must be between 0 and {MaxWait} (is {KillGrace})";
        }

        if (ShutdownGrace < TimeSpan.Zero || ShutdownGrace > MaxWait)
        {
            yield return $"Agent:ShutdownGrace must be between 0 and {MaxWait} (is {ShutdownGrace})";
        }

        if (OutputFlushInterval <= TimeSpan.Zero || OutputFlushInterval > MaxFlushInterval)
        {
            yield return $"Agent:OutputFlushInterval must be positive and at most {MaxFlushInterval} (is {OutputFlushInterval})";
        }

        if (OutputBatchBytes < 1024 || OutputBatchBytes > MaxOutputBatchBytes)
        {
            yield return $"Agent:OutputBatchBytes must be between 1024 and {MaxOutputBatchBytes} (is {OutputBatchBytes})";
        }

        if (OutputBufferBytes < OutputBatchBytes)
        {
            yield return $"Agent:OutputBufferBytes ({OutputBufferBytes}) must be at least Agent:OutputBatchBytes ({OutputBatchBytes})";
        }

        if (ReconnectMaxDelay < TimeSpan.FromSeconds(1) || ReconnectMaxDelay > MaxWait)
        {
            yield return $"Agent:ReconnectMaxDelay must be between 1 s and {MaxWait} (is {ReconnectMaxDelay})";
        }

        if (!string.Equals(Executor, ProcessExecutorName, StringComparison.OrdinalIgnoreCase) && !UsesSlurm)
        {
            yield return $"Agent:Executor must be '{ProcessExecutorName}' or '{SlurmExecutorName}' (is '{Excerpt.Of(Executor)}')";
        }

        foreach (var problem in (Slurm ?? new()).Problems())
        {
            yield return problem;
        }

        if (PilotRecheck < TimeSpan.FromSeconds(1) || PilotRecheck > MaxWait)
        {
            yield return $"Agent:PilotRecheck must be between 1 s and {MaxWait} (is {PilotRecheck})";
        }

        if (PilotMargin < TimeSpan.Zero || PilotMargin > MaxWait)
        {
            yield return $"Agent:PilotMargin must be between 0 and {MaxWait} (is {PilotMargin})";
        }

        if (AllocationEnd is { } end && (end.Year < 2000 || end.Year > 9000))
        {
            yield return $"Agent:AllocationEnd must be a time between the years 2000 and 9000 (is {end:O})";
        }

        if (AllocationEnd is not null && !Pilot)
        {
            yield return "Agent:AllocationEnd is for a pilot agent: set Agent:Pilot (cyclone agent --pilot) too";
        }
    }
}
