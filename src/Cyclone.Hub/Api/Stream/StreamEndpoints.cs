using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Stream;

/// <summary><c>GET /api/v1/stream</c>: live changes as Server-Sent Events (<c>hello</c>, <c>pulse</c>, <c>jobs</c>, <c>resync</c>).</summary>
public static class StreamEndpoints
{
    /// <summary>Most events a caller may ask for with <c>?max=</c>.</summary>
    public const int MaxEvents = 100_000;

    public static RouteGroupBuilder MapStreamEndpoints(this RouteGroupBuilder api)
    {
        // not in the OpenAPI document: an event stream is no JSON answer, and it only ends when the client leaves (docs/api.md)
        api.MapGet("/stream", Stream).WithTags("Stream").ExcludeFromDescription()
            .WithSummary("Live changes as Server-Sent Events: hello and pulse (cluster and throughput), jobs (ids whose tasks changed), resync (reload). ?max=N ends after N events.");
        return api;
    }

    internal static Results<ServerSentEventsResult<string>, ProblemHttpResult> Stream(LiveFeed feed, HttpContext context, int? max = null)
    {
        if (max is < 1 or > MaxEvents)
        {
            return JobEndpoints.BadQuery("max", $"max must be between 1 and {MaxEvents}");
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy must not hold events back
        return TypedResults.ServerSentEvents(ReadAsync(feed, max ?? int.MaxValue, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(LiveFeed feed, int max, [EnumeratorCancellation] CancellationToken ct)
    {
        var subscriber = feed.Subscribe();
        try
        {
            var sent = 0;
            while (sent < max && await subscriber.Reader.WaitToReadAsync(ct))
            {
                while (sent < max && subscriber.Reader.TryRead(out var item))
                {
                    sent++;
                    yield return item;
                }
            }
        }
        finally
        {
            feed.Unsubscribe(subscriber);
        }
    }
}
