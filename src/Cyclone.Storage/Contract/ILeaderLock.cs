namespace Cyclone.Storage.Contract;

/// <summary>
/// The lock that makes one of several hubs on a shared store the active one. It is held on a connection of its own: while
/// that connection lives no other hub gets it, and when it is lost (the hub died, or cannot reach the database) the lock is
/// free for a standby. Each acquisition starts a new term (epoch); the store refuses writes from every older term.
/// </summary>
public interface ILeaderLock : IAsyncDisposable
{
    /// <summary>
    /// Tries once to take the lock (connecting first when needed). On success this hub is the active one: answers the new
    /// epoch, already recorded with <paramref name="url"/> as the active hub's address. Null when another hub holds it.
    /// </summary>
    Task<long?> TryAcquireAsync(string url, CancellationToken ct);

    /// <summary>
    /// Confirms that this hub still holds the lock in <paramref name="epoch"/>, and records that it is alive; false when it
    /// does not (another term has begun). Throws when the database cannot say (the connection is lost or too slow).
    /// </summary>
    Task<bool> ConfirmAsync(long epoch, CancellationToken ct);

    /// <summary>Records <paramref name="url"/> as the address of the active hub of <paramref name="epoch"/> (once it listens).</summary>
    Task AdvertiseAsync(long epoch, string url, CancellationToken ct);

    /// <summary>Records that this hub (at <paramref name="url"/>) is alive and standing by.</summary>
    Task ReportStandbyAsync(string url, CancellationToken ct);

    /// <summary>The hub that holds the lock now, or null when none does (the last one is gone and no standby took over yet).</summary>
    Task<ActiveHubRecord?> ReadActiveAsync(CancellationToken ct);

    /// <summary>The hubs that reported themselves within <paramref name="within"/>, the active one first.</summary>
    Task<IReadOnlyList<HubPresenceRecord>> ListHubsAsync(TimeSpan within, CancellationToken ct);
}
