using System.Net;

namespace Cyclone.Hub.Tests.Security;

/// <summary>Sends one fuzzed request and records the answer; when none comes, whether the hub still answers at all.</summary>
internal static class FuzzCall
{
    /// <summary>
    /// An administrator's client of the hub that waits long for "100 Continue" (the default, 1 s, would send a refused
    /// body anyway on a slow machine, and the refusal would be cut off).
    /// </summary>
    public static HttpClient AdminClient(InProcessHub hub)
    {
        var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = hub.Rest,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", hub.AdminToken);
        return http;
    }

    /// <summary>False when the hub no longer answers /healthz (fuzzing on would only repeat the failure).</summary>
    public static async Task<bool> SendAsync(InProcessHub hub, HttpClient http, FuzzEndpoint endpoint, string target, FuzzBody body, FuzzReport report)
    {
        var what = $"{endpoint.Method} /{FuzzReport.Shorten(target, 300)} with {body}";
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(target, UriKind.Relative));
        if (body.Content.Length > 0 || body.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.Content);
            if (body.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            }

            request.Headers.TransferEncodingChunked = body.Framing == FuzzFraming.Chunked;
            request.Headers.ExpectContinue = body.Framing == FuzzFraming.ExpectContinue;
        }

        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            report.Answer(endpoint, what, body, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            var healthy = await HealthyAsync(hub);
            report.NoAnswer(endpoint, what, body, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message, healthy);
            return healthy;
        }
    }

    public static async Task<bool> HealthyAsync(InProcessHub hub)
    {
        using var anonymous = hub.Http(null);
        anonymous.Timeout = TimeSpan.FromSeconds(10);
        try
        {
            using var health = await anonymous.GetAsync(new Uri("healthz", UriKind.Relative));
            return health.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
