using Cyclone.Hub.Hosting;
using Cyclone.Storage;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Relational;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cyclone.Hub.HighAvailability;

/// <summary>
/// Makes a hub active before its active parts start. On SQLite the store is opened and the hub is active. On PostgreSQL the
/// hub serves as a standby (<see cref="StandbyServer"/>) until it holds the leader lock; then its store writes only in its
/// term, and losing the lock refuses every further write at once and ends the hub's run (it then stands by again).
/// </summary>
internal static partial class HubActivation
{
    /// <summary>What a run of the hub answers when it ended because it stopped being active.</summary>
    public const int LostLeadership = 75;

    /// <summary>This process's id among the hubs of a store.</summary>
    public static readonly string HubId = $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}";

    /// <summary>Opens the store and waits until this hub is the active one; answers its election (null on SQLite).</summary>
    public static async Task<HubElection?> ActivateAsync(
        WebApplication app, HubOptions options, StoreAddress? address, HubCertificate? certificate, CancellationToken ct)
    {
        var store = app.Services.GetRequiredService<IStore>();
        if (address?.PostgresConnectionString is not { } connectionString)
        {
            await store.InitializeAsync(ct);
            return null;
        }

        var ha = options.HighAvailability;
        var time = app.Services.GetRequiredService<TimeProvider>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>();
        var url = ha.AdvertiseUrl?.Trim().TrimEnd('/') ?? OwnUrl(options, certificate is not null);
        var leaderLock = new PostgresLeaderLock(connectionString, HubId, HubEndpointInfo.Version, ha.LockTimeout, time);
        var election = new HubElection(leaderLock, ha, time, logger.CreateLogger<HubElection>());
        try
        {
            await using (await StandbyServer.StartAsync(options, certificate, election, url, ct))
            {
                await OpenStoreAsync(store, ha, logger.CreateLogger(typeof(HubActivation)), time, ct);
                await election.WaitUntilActiveAsync(url, ct);
            }

            var postgres = (PostgresStore)app.Services.GetRequiredService<RelationalStore>();
            postgres.FenceWith(election.Epoch);
            postgres.Fenced += election.Lose;
            election.Lost.Register(() => postgres.Refuse(election.LossReason ?? "this hub is no longer the active hub"));
            app.Services.GetRequiredService<HubRoster>().Election = election;
            election.StartWatching();
            return election;
        }
        catch
        {
            await election.DisposeAsync();
            throw;
        }
    }

    /// <summary>The REST address this hub is reached at by default: its bind address (127.0.0.1 for 0.0.0.0) and port.</summary>
    public static string OwnUrl(HubOptions options, bool tls) =>
        $"{(tls ? "https" : "http")}://{(options.BindAddress == "0.0.0.0" ? "127.0.0.1" : options.BindAddress)}:{options.Port}";

    /// <summary>Opens the store (and migrates its schema); while the database cannot be reached, stands by and tries again.</summary>
    private static async Task OpenStoreAsync(IStore store, HighAvailabilityOptions ha, ILogger logger, TimeProvider time, CancellationToken ct)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                await store.InitializeAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException && !ct.IsCancellationRequested)
            {
                if (failures % 30 == 0)
                {
                    LogStoreUnreachable(logger, ex.Message);
                }

                await Task.Delay(ha.PollInterval, time, ct);
            }
        }
    }

    [LoggerMessage(10, LogLevel.Warning, "The store cannot be reached ({Error}); standing by and trying again")]
    private static partial void LogStoreUnreachable(ILogger logger, string error);
}
