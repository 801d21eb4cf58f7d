using Cyclone.Hub.HighAvailability;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Hub.Tests.HighAvailability;

public sealed class HubElectionTests
{
    private static readonly HighAvailabilityOptions Options = new() { PollInterval = TimeSpan.FromSeconds(1), LockTimeout = TimeSpan.FromSeconds(4) };

    [Fact]
    public async Task A_standby_tries_the_lock_every_poll_interval_knows_the_active_hub_and_becomes_active_once_the_lock_is_free()
    {
        var (time, leaderLock) = (new FakeTimeProvider(), new FakeLock());
        await using var election = new HubElection(leaderLock, Options, time, NullLogger<HubElection>.Instance);

        var waiting = election.WaitUntilActiveAsync("http://b:5080", CancellationToken.None);
        await RunClockUntilAsync(time, () => leaderLock.Tries >= 3);

        Assert.False(waiting.IsCompleted);
        Assert.Equal("http://a:5080", election.KnownActive?.Url);
        Assert.True(leaderLock.StandbyReports >= 2, "a standby reports itself while it waits");
        Assert.Equal(-1, election.Epoch);

        leaderLock.Free = true;
        await RunClockUntilAsync(time, () => waiting.IsCompleted);
        Assert.Equal(2, await waiting);
        Assert.Equal(2, election.Epoch);
        Assert.Null(election.KnownActive);
    }

    [Fact]
    public async Task A_standby_that_cannot_reach_the_database_keeps_trying_and_knows_no_active_hub()
    {
        var (time, leaderLock) = (new FakeTimeProvider(), new FakeLock { Failing = true });
        await using var election = new HubElection(leaderLock, Options, time, NullLogger<HubElection>.Instance);

        var waiting = election.WaitUntilActiveAsync("http://b:5080", CancellationToken.None);
        await RunClockUntilAsync(time, () => leaderLock.Tries >= 3);
        Assert.Null(election.KnownActive);

        (leaderLock.Failing, leaderLock.Free) = (false, true);
        await RunClockUntilAsync(time, () => waiting.IsCompleted);
        Assert.Equal(2, await waiting);
    }

    [Theory]
    [InlineData("denied", "another hub holds the leader lock")]
    [InlineData("throws", "the connection that holds the leader lock failed (connection reset)")]
    [InlineData("hangs", "the database did not confirm the leader lock within 4 s")]
    public async Task The_active_hub_loses_its_term_when_a_confirmation_is_denied_fails_or_takes_longer_than_the_lock_timeout(string confirmation, string reason)
    {
        var (time, leaderLock) = (new FakeTimeProvider(), new FakeLock { Free = true });
        await using var election = new HubElection(leaderLock, Options, time, NullLogger<HubElection>.Instance);
        await election.WaitUntilActiveAsync("http://b:5080", CancellationToken.None);
        election.StartWatching();
        await RunClockUntilAsync(time, () => leaderLock.Confirmations >= 2);
        Assert.False(election.Lost.IsCancellationRequested);

        leaderLock.Confirm = confirmation switch
        {
            "denied" => _ => Task.FromResult(false),
            "throws" => _ => Task.FromException<bool>(new IOException("connection reset")),
            _ => ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => true, TaskScheduler.Default),
        };
        await RunClockUntilAsync(time, () => election.Lost.IsCancellationRequested);

        Assert.Equal(reason, election.LossReason);
    }

    [Fact]
    public async Task Losing_the_term_once_keeps_the_first_reason()
    {
        var (time, leaderLock) = (new FakeTimeProvider(), new FakeLock { Free = true });
        await using var election = new HubElection(leaderLock, Options, time, NullLogger<HubElection>.Instance);
        await election.WaitUntilActiveAsync("http://b:5080", CancellationToken.None);

        election.Lose("the store found another term");
        election.Lose("a later reason");

        Assert.True(election.Lost.IsCancellationRequested);
        Assert.Equal("the store found another term", election.LossReason);
    }

    /// <summary>Moves the fake clock on in small steps (letting the loops run between them) until <paramref name="done"/>, for at most 30 s of real time.</summary>
    private static async Task RunClockUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < end, "the condition did not come true within 30 s");
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }
    }

    /// <summary>A leader lock held by hub a (term 1) until <see cref="Free"/>; then taking it begins term 2.</summary>
    private sealed class FakeLock : ILeaderLock
    {
        private int _tries;
        private int _confirmations;

        public volatile bool Free;
        public volatile bool Failing;

        public Func<CancellationToken, Task<bool>> Confirm { get; set; } = _ => Task.FromResult(true);

        public int Tries => Volatile.Read(ref _tries);

        public int Confirmations => Volatile.Read(ref _confirmations);

        public int StandbyReports { get; private set; }

        public Task<long?> TryAcquireAsync(string url, CancellationToken ct)
        {
            Interlocked.Increment(ref _tries);
            return Failing ? Task.FromException<long?>(new IOException("connection refused")) : Task.FromResult<long?>(Free ? 2 : null);
        }

        public Task<bool> ConfirmAsync(long epoch, CancellationToken ct)
        {
            Interlocked.Increment(ref _confirmations);
            return Confirm(ct);
        }

        public Task AdvertiseAsync(long epoch, string url, CancellationToken ct) => Task.CompletedTask;

        public Task ReportStandbyAsync(string url, CancellationToken ct)
        {
            StandbyReports++;
            return Task.CompletedTask;
        }

        public Task<ActiveHubRecord?> ReadActiveAsync(CancellationToken ct) =>
            Task.FromResult<ActiveHubRecord?>(Free ? null : new ActiveHubRecord("a", "http://a:5080", DateTimeOffset.UnixEpoch, 1));

        public Task<IReadOnlyList<HubPresenceRecord>> ListHubsAsync(TimeSpan within, CancellationToken ct) => Task.FromResult<IReadOnlyList<HubPresenceRecord>>([]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
