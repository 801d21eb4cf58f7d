using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? notFound, CancellationToken ct)
    {
        using var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        return await SendContentAsync<T>(method, path, content, notFound, ct);
    }

    private async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, string? notFound, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(Hub, path)) { Content = content };
        using var response = await SendRequestAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, notFound, ct);
        }

        try
        {
            var result = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct);
            return result ?? throw new CycloneApiException(
                response.StatusCode, null, null, $"the hub answered {method} /{path} with an empty body");
        }
        catch (JsonException ex)
        {
            throw new CycloneApiException(
                $"the hub's answer to {method} /{path} is not the JSON expected: {ex.Message}", ex);
        }
    }

    private async Task<HttpResponseMessage> SendRequestAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        }

        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new HubUnreachableException(Hub, Describe(ex), ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new HubUnreachableException(Hub, $"no answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "unknown host",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                    SocketError.ConnectionReset => "connection reset",
                    _ => socket.Message,
                };
            }
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.NameResolutionError => "unknown host",
            HttpRequestError.ResponseEnded => "the connection closed before an answer",
            HttpRequestError.SecureConnectionError => $"TLS handshake failed ({Innermost(ex)}); if the hub's certificate comes from a private CA, trust it with --ca FILE at login or CYCLONE_CA",
            _ => ex.Message,
        };
    }
}
