using Microsoft.AspNetCore.Http;

namespace Cyclone.Hub.Api.Workflows;

/// <summary>A workflow file as stored, with the commit it was read at and its format in headers.</summary>
internal sealed class CommitFileResult(byte[] content, string commit, string format) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.Headers["X-Cyclone-Commit"] = commit;
        httpContext.Response.Headers["X-Cyclone-Format"] = format;
        httpContext.Response.ContentLength = content.Length;
        await httpContext.Response.Body.WriteAsync(content, httpContext.RequestAborted);
    }
}
