using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Cyclone.Hub.Api;

/// <summary>Answers a request the framework could not read (malformed JSON, wrong types) with problem details that say why.</summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is JsonException json
            ? $"the request body is not valid JSON for this endpoint: {json.Message}"
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read", Detail = detail },
            (JsonSerializerOptions?)null,
            "application/problem+json",
            cancellationToken);
        return true;
    }
}
