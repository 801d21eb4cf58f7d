using System.Net;

namespace Cyclone.Client;

/// <summary>
/// The hub answered a request with an error (an RFC 7807 problem). <see cref="Exception.Message"/>
/// says what is wrong in one line, for example "job 42 does not exist".
/// </summary>
public sealed class CycloneApiException : Exception
{
    public CycloneApiException()
    {
    }

    public CycloneApiException(string message)
        : base(message)
    {
    }

    public CycloneApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CycloneApiException(HttpStatusCode statusCode, string? title, string? detail, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
    }

    /// <summary>The HTTP status the hub answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's short title, when the hub gave one.</summary>
    public string? Title { get; }

    /// <summary>The problem's explanation, when the hub gave one.</summary>
    public string? Detail { get; }
}
