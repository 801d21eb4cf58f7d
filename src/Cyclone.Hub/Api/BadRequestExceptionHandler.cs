using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Cyclone.Hub.Api;

/// <summary>
/// Answers a request the framework could not read (malformed JSON, wrong types, a charset that is no known encoding)
/// with problem details that say why.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            detail = bad.InnerException is JsonException json
                ? $"the request body is not valid JSON for this endpoint: {json.Message}"
                : bad.Message;
        }
        else if (exception is InvalidOperationException { InnerException: ArgumentException } && UnknownCharset(httpContext.Request) is { } charset)
        {
            // the JSON reader throws this (not a BadHttpRequestException) for "application/json; charset=<unknown>"
            status = StatusCodes.Status415UnsupportedMediaType;
            detail = $"the charset '{charset}' of the content type is not a known encoding; send UTF-8";
        }
        else
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = "The request could not be read", Detail = detail },
            (JsonSerializerOptions?)null,
            "application/problem+json",
            cancellationToken);
        return true;
    }

    private static string? UnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.Charset.HasValue)
        {
            return null;
        }

        var charset = type.Charset.Value!.Trim('"');
        try
        {
            _ = Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return charset;
        }
    }
}
