using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Security;

public sealed partial class TokenRegistry
{
    /// <summary>Adds a user; null when the name is taken.</summary>
    public async Task<UserRecord?> AddUserAsync(string name, bool isAdmin, string by, CancellationToken ct)
    {
        await _writes.WaitAsync(ct);
        try
        {
            var user = new UserRecord(name, isAdmin, false, _time.GetUtcNow(), by);
            if (!await _store.AddUserAsync(user, ct))
            {
                return null;
            }

            Remember(user);
            LogUserAdded(name, isAdmin, by);
            return user;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Disables or enables a user (and may change whether an administrator); null when there is no such user.</summary>
    public async Task<UserRecord?> UpdateUserAsync(string name, bool disabled, bool? isAdmin, string by, CancellationToken ct)
    {
        UserRecord updated;
        await _writes.WaitAsync(ct);
        try
        {
            if (FindUser(name) is not { } user || !await _store.UpdateUserAsync(name, disabled, isAdmin, ct))
            {
                return null;
            }

            updated = user with { Disabled = disabled, IsAdmin = isAdmin ?? user.IsAdmin };
            Remember(updated);
            LogUserChanged(name, disabled, updated.IsAdmin, by);
        }
        finally
        {
            _writes.Release();
        }

        if (disabled)
        {
            var ids = Tokens().Where(t => t.User == name).Select(t => t.Id).ToList();
            Revoked?.Invoke(ids, $"user {name} was disabled");
        }

        return updated;
    }

    /// <summary>Creates a token for <paramref name="user"/>; the secret is in the answer and nowhere else.</summary>
    public async Task<CreatedToken> CreateTokenAsync(string user, string name, string role, DateTimeOffset? expiresAt, string by, CancellationToken ct)
    {
        var secret = TokenSecret.New();
        await _writes.WaitAsync(ct);
        try
        {
            var record = await _store.AddTokenAsync(
                new TokenRecord(0, user, name, role, TokenSecret.LookupOf(secret), TokenSecret.Hash(secret), _time.GetUtcNow(), by, expiresAt, null, null), ct);
            Remember(record);
            LogTokenCreated(record.Id, user, role, by);
            return new CreatedToken(record, secret);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Revokes a token; false when there is no such token or it was revoked already. Open agent streams with it are closed.</summary>
    public async Task<bool> RevokeAsync(long id, string by, CancellationToken ct)
    {
        await _writes.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            if (FindToken(id) is not { RevokedAt: null } token || !await _store.RevokeTokenAsync(id, by, now, ct))
            {
                return false;
            }

            Remember(token with { RevokedAt = now, RevokedBy = by });
            LogTokenRevoked(id, by);
        }
        finally
        {
            _writes.Release();
        }

        Revoked?.Invoke([id], $"token {id} was revoked");
        return true;
    }

    [LoggerMessage(60, LogLevel.Information, "User {Name} added (admin: {Admin}) by {By}")]
    private partial void LogUserAdded(string name, bool admin, string by);

    [LoggerMessage(61, LogLevel.Information, "User {Name} changed (disabled: {Disabled}, admin: {Admin}) by {By}")]
    private partial void LogUserChanged(string name, bool disabled, bool admin, string by);

    [LoggerMessage(62, LogLevel.Information, "Token {Id} created for {User} (role {Role}) by {By}")]
    private partial void LogTokenCreated(long id, string user, string role, string by);

    [LoggerMessage(63, LogLevel.Information, "Token {Id} revoked by {By}")]
    private partial void LogTokenRevoked(long id, string by);
}
