using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Agent.Hub;

/// <summary>
/// Registers the agent with a hub through <c>POST /api/v1/runners/register</c> (with its agent token), which also
/// says where the agent stream listens. A standby hub redirects (307) to the active hub, whose address the registration
/// then goes to (with the token, which an automatic redirect would drop). A refused token (401, 403) is final; anything
/// else is tried again.
/// </summary>
public sealed class HubLocator : IDisposable
{
    /// <summary>How long one registration request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private const string RegisterPath = "api/v1/runners/register";

    private readonly HttpClient _http;
    private readonly string _token;

    public HubLocator(string token, string? caFile)
    {
        _token = token;
        var handler = HubTrust.CreateHandler(caFile, RequestTimeout);
        handler.AllowAutoRedirect = false;
        _http = new HttpClient(handler) { Timeout = RequestTimeout };
    }

    /// <summary>The hub at <paramref name="restUrl"/>; or null, why it cannot be used, and whether that is final.</summary>
    public async Task<(HubEndpoint? Endpoint, string Problem, bool Refused)> LocateAsync(Uri restUrl, RunnerRegisterRequest registration, CancellationToken ct)
    {
        try
        {
            using var first = await RegisterAsync(restUrl, registration, ct);
            using var redirected = ActiveHubOf(first) is { } active ? await RegisterAsync(restUrl = active, registration, ct) : null;
            var response = redirected ?? first;
            if (response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
            {
                return (null, $"redirected more than once (to {response.Headers.Location})", false);
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return (null, $"the hub refused the agent's token: {await DetailAsync(response, ct)}", true);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"registration answered {(int)response.StatusCode} {response.ReasonPhrase}: {await DetailAsync(response, ct)}", false);
            }

            var registered = await response.Content.ReadFromJsonAsync<RunnerRegisteredDto>(ApiJson.Options, ct);
            if (registered is null || registered.GrpcPort is < 1 or > 65535)
            {
                return (null, $"registration gave no valid gRPC port ({registered?.GrpcPort})", false);
            }

            var scheme = registered.Tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
            var grpc = new UriBuilder(scheme, restUrl.Host, registered.GrpcPort).Uri;
            return (new HubEndpoint(restUrl, grpc, ""), string.Empty, false);
        }
        catch (HttpRequestException ex)
        {
            return (null, Describe(ex), false);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"no answer within {RequestTimeout.TotalSeconds:0} s", false);
        }
        catch (JsonException ex)
        {
            return (null, $"registration gave invalid JSON: {ex.Message}", false);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The REST base address a standby's redirect of a registration points to; null when the answer is no redirect.</summary>
    internal static Uri? ActiveHubOf(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect) || response.Headers.Location is not { IsAbsoluteUri: true } location)
        {
            return null;
        }

        var text = location.GetLeftPart(UriPartial.Path);
        var at = text.LastIndexOf(RegisterPath, StringComparison.Ordinal);
        return at < 0 ? null : new Uri(text[..at]);
    }

    private async Task<HttpResponseMessage> RegisterAsync(Uri restUrl, RunnerRegisterRequest registration, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(restUrl, RegisterPath))
        {
            Content = JsonContent.Create(registration, options: ApiJson.Options),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        return await _http.SendAsync(request, ct);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, ct);
            return problem.TryGetProperty("detail", out var detail) ? detail.ToString() : $"{(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            return $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }

    private static string Describe(HttpRequestException ex)
    {
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return $"TLS handshake failed ({ex.InnerException?.Message ?? ex.Message}); give the hub's CA with --ca FILE or CYCLONE_CA";
        }

        return ex.InnerException switch
        {
            SocketException socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "host not found",
                SocketError.TimedOut => "connection timed out",
                _ => socket.Message,
            },
            { } inner => inner.Message,
            null => ex.Message,
        };
    }
}
