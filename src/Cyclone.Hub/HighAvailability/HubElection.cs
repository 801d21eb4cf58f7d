using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.HighAvailability;

/// <summary>
/// Makes this hub the active one among the hubs of a shared store, and keeps watch that it still is. As a standby it tries
/// the leader lock every <see cref="HighAvailabilityOptions.PollInterval"/> and learns which hub is active; once it holds
/// the lock it confirms at the same interval that it still does. A confirmation that fails, or takes longer than
/// <see cref="HighAvailabilityOptions.LockTimeout"/>, ends this hub's term at once: <see cref="Lost"/> is cancelled.
/// </summary>
public sealed partial class HubElection : IAsyncDisposable
{
    private readonly ILeaderLock _lock;
    private readonly HighAvailabilityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HubElection> _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;
    private long _epoch = -1;
    private string? _lossReason;

    public HubElection(ILeaderLock leaderLock, HighAvailabilityOptions options, TimeProvider time, ILogger<HubElection> logger)
    {
        _lock = leaderLock;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Cancelled when this hub stops being the active hub.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why this hub stopped being active; null while it is (or has not been).</summary>
    public string? LossReason => Volatile.Read(ref _lossReason);

    /// <summary>This hub's term as the active hub, or -1 while it stands by.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>The active hub as a standby last saw it (null when none is, or before the first look).</summary>
    public ActiveHubRecord? KnownActive { get; private set; }

    /// <summary>The lock and the hubs' records, for the list of hubs.</summary>
    public ILeaderLock Lock => _lock;

    /// <summary>
    /// Stands by until this hub holds the leader lock, and answers its term. <paramref name="url"/> is where this hub is
    /// reached, recorded for the other hubs.
    /// </summary>
    public async Task<long> WaitUntilActiveAsync(string url, CancellationToken ct)
    {
        var since = _time.GetUtcNow();
        var failures = 0;
        while (true)
        {
            try
            {
                if (await _lock.TryAcquireAsync(url, ct) is { } epoch)
                {
                    Interlocked.Exchange(ref _epoch, epoch);
                    KnownActive = null;
                    LogActive(epoch, Math.Round((_time.GetUtcNow() - since).TotalSeconds, 1));
                    return epoch;
                }

                var active = await _lock.ReadActiveAsync(ct);
                if (active?.Hub != KnownActive?.Hub || failures > 0)
                {
                    LogStandingBy(active?.Url ?? "none yet");
                }

                KnownActive = active;
                await _lock.ReportStandbyAsync(url, ct);
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                KnownActive = null;
                if (failures++ % 30 == 0)
                {
                    LogCannotElect(ex.Message);
                }
            }

            await Task.Delay(_options.PollInterval, _time, ct);
        }
    }

    /// <summary>Starts confirming, every poll interval, that this hub still holds the lock; call once it is active.</summary>
    public void StartWatching()
    {
        var epoch = Epoch;
        if (epoch < 0)
        {
            throw new InvalidOperationException("this hub is not the active hub");
        }

        _watch = Task.Run(() => WatchAsync(epoch, _stop.Token));
    }

    /// <summary>Records <paramref name="url"/> as where clients reach the active hub; a failure ends the term (it cannot be told).</summary>
    public async Task AdvertiseAsync(string url, CancellationToken ct)
    {
        try
        {
            await _lock.AdvertiseAsync(Epoch, url, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Lose($"could not record its address in the store ({ex.Message})");
        }
    }

    /// <summary>Ends this hub's term now (for example when the store found another hub's term begun).</summary>
    public void Lose(string reason)
    {
        if (Interlocked.CompareExchange(ref _lossReason, reason, null) is null)
        {
            LogLost(reason);
            _lost.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        await _lock.DisposeAsync(); // frees the lock when this hub held it
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task WatchAsync(long epoch, CancellationToken ct)
    {
        try
        {
            while (!_lost.IsCancellationRequested)
            {
                await Task.Delay(_options.PollInterval, _time, ct);
                using var timeout = new CancellationTokenSource(_options.LockTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
                try
                {
                    if (!await _lock.ConfirmAsync(epoch, linked.Token).WaitAsync(linked.Token))
                    {
                        Lose("another hub holds the leader lock");
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    Lose(timeout.IsCancellationRequested
                        ? $"the database did not confirm the leader lock within {_options.LockTimeout.TotalSeconds:0.#} s"
                        : $"the connection that holds the leader lock failed ({ex.Message})");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
    }
}
