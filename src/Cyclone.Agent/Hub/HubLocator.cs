using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Cyclone.Protocol.Rest;

namespace Cyclone.Agent.Hub;

/// <summary>Asks a hub's <c>/healthz</c> where its gRPC port is.</summary>
public sealed class HubLocator : IDisposable
{
    /// <summary>How long one <c>/healthz</c> request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = RequestTimeout }) { Timeout = RequestTimeout };

    /// <summary>The hub at <paramref name="restUrl"/>, or null and why it cannot be used.</summary>
    public async Task<(HubEndpoint? Endpoint, string Problem)> LocateAsync(Uri restUrl, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(restUrl, "healthz"), ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"GET /healthz answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var health = await response.Content.ReadFromJsonAsync<HealthDto>(ApiJson.Options, ct);
            if (health is null || health.GrpcPort is < 1 or > 65535)
            {
                return (null, $"GET /healthz gave no valid gRPC port ({health?.GrpcPort})");
            }

            var grpc = new UriBuilder(Uri.UriSchemeHttp, restUrl.Host, health.GrpcPort).Uri;
            return (new HubEndpoint(restUrl, grpc, health.Version), string.Empty);
        }
        catch (HttpRequestException ex)
        {
            return (null, Describe(ex));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (JsonException ex)
        {
            return (null, $"GET /healthz gave invalid JSON: {ex.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Describe(HttpRequestException ex) => ex.InnerException switch
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
