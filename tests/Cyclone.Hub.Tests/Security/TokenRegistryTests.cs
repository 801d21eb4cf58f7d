using Cyclone.Hub.Security;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Hub.Tests.Security;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class TokenRegistryTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cyclone-tokens-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private SqliteStore _store = null!;
    private TokenRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(new StoreOptions { DataDirectory = _data }, NullLogger<SqliteStore>.Instance);
        await _store.InitializeAsync(CancellationToken.None);
        _registry = new TokenRegistry(_store, _time, NullLogger<TokenRegistry>.Instance);
        await _registry.LoadAsync(CancellationToken.None);
        await _registry.AddUserAsync("alice", isAdmin: false, "test", CancellationToken.None);
        await _registry.AddUserAsync("root", isAdmin: true, "test", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _store.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void Tokens_are_long_random_and_well_formed()
    {
        var a = TokenSecret.New();
        var b = TokenSecret.New();
        Assert.NotEqual(a, b);
        Assert.Equal(TokenSecret.Length, a.Length);
        Assert.True(TokenSecret.IsWellFormed(a));
        Assert.False(TokenSecret.IsWellFormed(a[..^1]));
        Assert.False(TokenSecret.IsWellFormed("cyc_" + new string('!', 43)));
        Assert.True(TokenSecret.Matches(a, TokenSecret.Hash(a)));
        Assert.False(TokenSecret.Matches(b, TokenSecret.Hash(a)));
    }

    [Fact]
    public async Task Only_the_hash_and_lookup_prefix_are_stored_never_the_secret()
    {
        var created = await _registry.CreateTokenAsync("alice", "laptop", AccessRole.User, null, "test", CancellationToken.None);
        var stored = Assert.Single(await _store.ListTokensAsync(CancellationToken.None));
        Assert.Equal(created.Secret[..TokenSecret.LookupLength], stored.Lookup);
        Assert.Equal(TokenSecret.Hash(created.Secret), stored.Hash);
        foreach (var file in Directory.GetFiles(_data, "cyclone.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            Assert.DoesNotContain(created.Secret, await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_acts_with_its_role_and_an_administrators_user_token_acts_as_admin()
    {
        var user = await _registry.CreateTokenAsync("alice", "t", AccessRole.User, null, "test", CancellationToken.None);
        var agent = await _registry.CreateTokenAsync("root", "a", AccessRole.Agent, null, "test", CancellationToken.None);
        var admin = await _registry.CreateTokenAsync("root", "r", AccessRole.User, null, "test", CancellationToken.None);

        Assert.Equal(("alice", AccessRole.User), Who(user.Secret));
        Assert.Equal(("root", AccessRole.Agent), Who(agent.Secret));
        Assert.Equal(("root", AccessRole.Admin), Who(admin.Secret));
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires_is_revoked_or_its_user_is_disabled()
    {
        var expiring = await _registry.CreateTokenAsync("alice", "short", AccessRole.User, _time.GetUtcNow().AddHours(1), "test", CancellationToken.None);
        var revoked = await _registry.CreateTokenAsync("alice", "gone", AccessRole.User, null, "test", CancellationToken.None);
        var revokedIds = new List<long>();
        _registry.Revoked += (ids, _) => revokedIds.AddRange(ids);

        Assert.True(_registry.Check(expiring.Secret).Succeeded);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Contains("expired", _registry.Check(expiring.Secret).Failure, StringComparison.Ordinal);

        Assert.True(await _registry.RevokeAsync(revoked.Record.Id, "root", CancellationToken.None));
        Assert.Contains("revoked", _registry.Check(revoked.Secret).Failure, StringComparison.Ordinal);
        Assert.Equal([revoked.Record.Id], revokedIds);
        Assert.False(await _registry.RevokeAsync(revoked.Record.Id, "root", CancellationToken.None));

        var other = await _registry.CreateTokenAsync("alice", "other", AccessRole.User, null, "test", CancellationToken.None);
        await _registry.UpdateUserAsync("alice", disabled: true, null, "root", CancellationToken.None);
        Assert.Contains("disabled", _registry.Check(other.Secret).Failure, StringComparison.Ordinal);
        Assert.Contains(other.Record.Id, revokedIds);
    }

    [Fact]
    public async Task Users_tokens_and_revocations_survive_a_restart()
    {
        var kept = await _registry.CreateTokenAsync("alice", "kept", AccessRole.User, null, "test", CancellationToken.None);
        var revoked = await _registry.CreateTokenAsync("alice", "gone", AccessRole.User, null, "test", CancellationToken.None);
        await _registry.RevokeAsync(revoked.Record.Id, "root", CancellationToken.None);

        using var reloaded = new TokenRegistry(_store, _time, NullLogger<TokenRegistry>.Instance);
        await reloaded.LoadAsync(CancellationToken.None);

        Assert.True(reloaded.Check(kept.Secret).Succeeded);
        Assert.False(reloaded.Check(revoked.Secret).Succeeded);
        Assert.Equal(["alice", "root"], reloaded.Users().Select(u => u.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("cyc_short")]
    [InlineData("cyc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Unknown_or_malformed_tokens_are_refused_without_repeating_them(string presented)
    {
        var check = _registry.Check(presented);
        Assert.False(check.Succeeded);
        Assert.True(presented.Length < 5 || !check.Failure!.Contains(presented, StringComparison.Ordinal));
    }

    private (string?, string?) Who(string secret)
    {
        var check = _registry.Check(secret);
        return (check.User?.Name, check.Role);
    }
}
