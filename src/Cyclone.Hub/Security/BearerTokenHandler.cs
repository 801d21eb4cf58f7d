using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer TOKEN</c> against the <see cref="TokenRegistry"/>. A refused call gets 401
/// (no or bad token) or 403 (the role may not do this) with a problem-details body; a gRPC call gets the gRPC status
/// UNAUTHENTICATED or PERMISSION_DENIED instead, which gRPC clients read.
/// </summary>
public sealed class BearerTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly TokenRegistry _registry;

    public BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenRegistry registry)
        : base(options, logger, encoder)
    {
        _registry = registry;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(Refuse("the Authorization header must be 'Bearer TOKEN'"));
        }

        var check = _registry.Check(header["Bearer ".Length..].Trim());
        if (!check.Succeeded)
        {
            return Task.FromResult(Refuse(check.Failure!));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, check.User!.Name),
                new Claim(ClaimTypes.Role, check.Role!),
                new Claim(BearerTokenDefaults.TokenIdClaim, check.Token!.Id.ToString(CultureInfo.InvariantCulture)),
            ],
            BearerTokenDefaults.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), BearerTokenDefaults.Scheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items[BearerTokenDefaults.FailureItem] as string;
        Response.Headers.WWWAuthenticate = failure is null ? "Bearer realm=\"cyclone\"" : "Bearer realm=\"cyclone\", error=\"invalid_token\"";
        var detail = failure is null
            ? "this call needs a token: send 'Authorization: Bearer TOKEN' (cyclone login stores one for the CLI)"
            : $"the token was refused: {failure}";
        return WriteAsync(StatusCodes.Status401Unauthorized, 16, "Authentication required", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        var detail = role == AccessRole.Agent
            ? "an agent token may only register, lease and report work; use a user token for this"
            : $"role '{role}' may not make this call; it needs an administrator";
        return WriteAsync(StatusCodes.Status403Forbidden, 7, "Not allowed", detail);
    }

    private AuthenticateResult Refuse(string why)
    {
        Context.Items[BearerTokenDefaults.FailureItem] = why;
        return AuthenticateResult.Fail(why);
    }

    private async Task WriteAsync(int status, int grpcStatus, string title, string detail)
    {
        if (Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // a trailers-only gRPC answer: gRPC clients read the status from these headers
            Context.Items[BearerTokenDefaults.DeniedStatusItem] = status;
            Response.StatusCode = StatusCodes.Status200OK;
            Response.ContentType = "application/grpc";
            Response.Headers["grpc-status"] = grpcStatus.ToString(CultureInfo.InvariantCulture);
            Response.Headers["grpc-message"] = Uri.EscapeDataString(detail);
            return;
        }

        Response.StatusCode = status;
        await Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = Request.Path },
            (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json",
            Context.RequestAborted);
    }
}
