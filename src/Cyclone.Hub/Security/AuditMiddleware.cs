using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Http;

namespace Cyclone.Hub.Security;

/// <summary>
/// Puts every call that changes something (any method but GET and HEAD) and every refused call (401, 403) in the
/// audit trail, with the caller, the path and query, and the answer's status. Bodies and headers are never recorded.
/// </summary>
public sealed class AuditMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AuditTrail _trail;
    private readonly TimeProvider _time;

    public AuditMiddleware(RequestDelegate next, AuditTrail trail, TimeProvider time)
    {
        _next = next;
        _trail = trail;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var at = _time.GetUtcNow();
        try
        {
            await _next(context);
        }
        finally
        {
            var status = context.Items[BearerTokenDefaults.DeniedStatusItem] as int? ?? context.Response.StatusCode;
            var denied = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden;
            if (denied || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                var caller = context.User.Identity?.IsAuthenticated == true ? Caller.Of(context.User) : null;
                var path = context.Request.Path.Value ?? "/";
                var query = context.Request.QueryString.Value ?? "";
                _trail.Record(new AuditRecord(
                    0, at, caller?.Name, caller?.TokenId, caller?.Role, context.Request.Method,
                    Cyclone.Core.Parsing.Excerpt.Of(path + query, 2000), status, context.Connection.RemoteIpAddress?.ToString(),
                    context.Items[BearerTokenDefaults.FailureItem] as string));
            }
        }
    }
}
