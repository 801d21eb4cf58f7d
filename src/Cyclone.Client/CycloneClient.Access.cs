using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>Who the token acts for.</summary>
    public Task<WhoAmIDto> WhoAmIAsync(CancellationToken ct) =>
        SendAsync<WhoAmIDto>(HttpMethod.Get, "api/v1/whoami", null, null, ct);

    public Task<IReadOnlyList<UserDto>> ListUsersAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<UserDto>>(HttpMethod.Get, "api/v1/users", null, null, ct);

    public Task<UserDto> AddUserAsync(string name, bool admin, CancellationToken ct) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/v1/users", new UserAddRequest { Name = name, Admin = admin }, null, ct);

    public Task<UserDto> UpdateUserAsync(string name, UserUpdateRequest change, CancellationToken ct) =>
        SendAsync<UserDto>(HttpMethod.Patch, $"api/v1/users/{Uri.EscapeDataString(name)}", change, $"there is no user '{name}'", ct);

    /// <summary>Your tokens (administrators: every token, or those of <paramref name="user"/>).</summary>
    public Task<IReadOnlyList<TokenDto>> ListTokensAsync(string? user, CancellationToken ct) =>
        SendAsync<IReadOnlyList<TokenDto>>(HttpMethod.Get, "api/v1/tokens" + Query(("user", user)), null, null, ct);

    /// <summary>Creates a token; its secret is in the answer only.</summary>
    public Task<TokenCreatedDto> CreateTokenAsync(TokenCreateRequest request, CancellationToken ct) =>
        SendAsync<TokenCreatedDto>(HttpMethod.Post, "api/v1/tokens", request, null, ct);

    public Task<TokenDto> RevokeTokenAsync(long id, CancellationToken ct) =>
        SendAsync<TokenDto>(HttpMethod.Delete, $"api/v1/tokens/{id}", null, $"you have no token {id}", ct);

    /// <summary>The audit trail, newest first.</summary>
    public Task<IReadOnlyList<AuditEntryDto>> AuditAsync(string? user, DateTimeOffset? since, bool deniedOnly, int limit, CancellationToken ct) =>
        SendAsync<IReadOnlyList<AuditEntryDto>>(
            HttpMethod.Get,
            "api/v1/audit" + Query(("user", user), ("since", since?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), ("denied", deniedOnly ? "true" : null), ("limit", Num(limit))),
            null,
            null,
            ct);

    /// <summary>Registers a runner (agent token): the hub lists it and answers where to connect.</summary>
    public Task<RunnerRegisteredDto> RegisterRunnerAsync(RunnerRegisterRequest request, CancellationToken ct) =>
        SendAsync<RunnerRegisteredDto>(HttpMethod.Post, "api/v1/runners/register", request, null, ct);
}
