namespace Cyclone.Hub;

/// <summary>Entry point of the hub, used by <c>cyclone hub</c> and <c>cyclone up</c>.</summary>
public static partial class HubApplication
{
    /// <summary>
    /// Runs a hub until <paramref name="ct"/> is cancelled or the process is told to stop.
    /// Configuration comes from <c>appsettings.json</c>, <c>CYCLONE_</c>-prefixed environment variables
    /// (<c>CYCLONE_Hub__Port</c>) and finally <paramref name="overrides"/> (keys such as <c>Hub:Port</c>).
    /// <paramref name="started"/> is called once the hub listens, with its REST base address. A hub on PostgreSQL
    /// stands by until it is the active hub, and stands by again whenever it stops being it.
    /// </summary>
    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> overrides, Action<Uri>? started, CancellationToken ct)
    {
        int code;
        while ((code = await RunCoreAsync(overrides, started, ct)) == HighAvailability.HubActivation.LostLeadership)
        {
            // the active parts are stopped and disposed; the next run stands by until this hub is active again
        }

        return code;
    }
}
