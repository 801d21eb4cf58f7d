using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Security;

/// <summary>
/// Users and tokens, kept in memory (loaded at start, changed only through this class after each change is durable)
/// so that every request is checked without a database read and a revocation holds from the next request on.
/// </summary>
public sealed partial class TokenRegistry : IDisposable
{
    private readonly IAccessStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<TokenRegistry> _logger;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Lock _gate = new();
    private Dictionary<string, UserRecord> _users = new(StringComparer.Ordinal);
    private Dictionary<long, TokenRecord> _tokens = [];
    private ILookup<string, TokenRecord> _byLookup = Array.Empty<TokenRecord>().ToLookup(t => t.Lookup, StringComparer.Ordinal);

    public TokenRegistry(IAccessStore store, TimeProvider time, ILogger<TokenRegistry> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after tokens stop being valid (revoked, or their user disabled), with the ids and why.</summary>
    public event Action<IReadOnlyCollection<long>, string>? Revoked;

    /// <summary>Reads users and tokens from the store. Call once the store is open, before serving requests.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var users = await _store.ListUsersAsync(ct);
        var tokens = await _store.ListTokensAsync(ct);
        lock (_gate)
        {
            _users = users.ToDictionary(u => u.Name, StringComparer.Ordinal);
            _tokens = tokens.ToDictionary(t => t.Id);
            _byLookup = _tokens.Values.ToLookup(t => t.Lookup, StringComparer.Ordinal);
        }
    }

    /// <summary>Checks a presented token; never throws and never echoes the token.</summary>
    public TokenCheck Check(string presented)
    {
        if (!TokenSecret.IsWellFormed(presented))
        {
            return TokenCheck.Refused("the token is not a Cyclone token (expected cyc_ and 43 characters)");
        }

        TokenRecord? match = null;
        UserRecord? user;
        lock (_gate)
        {
            foreach (var candidate in _byLookup[TokenSecret.LookupOf(presented)])
            {
                if (TokenSecret.Matches(presented, candidate.Hash))
                {
                    match = _tokens[candidate.Id];
                }
            }

            user = match is null ? null : _users.GetValueOrDefault(match.User);
        }

        if (match is null || user is null)
        {
            return TokenCheck.Refused("the token is not known to this hub");
        }

        if (match.RevokedAt is not null)
        {
            return TokenCheck.Refused($"token {match.Id} was revoked");
        }

        if (match.ExpiresAt is { } expires && expires <= _time.GetUtcNow())
        {
            return TokenCheck.Refused($"token {match.Id} expired at {expires:u}");
        }

        if (user.Disabled)
        {
            return TokenCheck.Refused($"user {user.Name} is disabled");
        }

        var role = match.Role == AccessRole.Agent ? AccessRole.Agent : user.IsAdmin ? AccessRole.Admin : AccessRole.User;
        return new TokenCheck(match, user, role, null);
    }

    public void Dispose() => _writes.Dispose();

    public IReadOnlyList<UserRecord> Users()
    {
        lock (_gate)
        {
            return _users.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        }
    }

    public UserRecord? FindUser(string name)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<TokenRecord> Tokens()
    {
        lock (_gate)
        {
            return _tokens.Values.OrderBy(t => t.Id).ToList();
        }
    }

    public TokenRecord? FindToken(long id)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(id);
        }
    }

    private void Remember(TokenRecord token)
    {
        lock (_gate)
        {
            _tokens[token.Id] = token;
            _byLookup = _tokens.Values.ToLookup(t => t.Lookup, StringComparer.Ordinal);
        }
    }

    private void Remember(UserRecord user)
    {
        lock (_gate)
        {
            _users[user.Name] = user;
        }
    }
}
