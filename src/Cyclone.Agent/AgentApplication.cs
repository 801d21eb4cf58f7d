namespace Cyclone.Agent;

/// <summary>Entry point of the agent, used by <c>cyclone agent</c> and <c>cyclone up</c>.</summary>
public static partial class AgentApplication
{
    /// <summary>
    /// Runs an agent until <paramref name="ct"/> is cancelled or the process is told to stop.
    /// Configuration comes from <c>appsettings.json</c>, <c>CYCLONE_</c>-prefixed environment variables
    /// (<c>CYCLONE_Agent__Slots</c>) and finally <paramref name="overrides"/> (keys such as <c>Agent:HubUrl</c>).
    /// </summary>
    public static Task<int> RunAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken ct) =>
        RunCoreAsync(overrides, ct);
}
