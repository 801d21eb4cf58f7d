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

    /// <summary>
    /// Sends <paramref name="request"/> (made against <see cref="Hub"/>) with the token. A standby's redirect moves this
    /// client to the active hub and sends again; a refused connection (with several hubs) or a standby with no active hub
    /// moves on to the next hub, for up to <see cref="FailoverWait"/>. Nothing is sent twice that a hub may have acted on.
    /// </summary>
    private async Task<HttpResponseMessage> SendRequestAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var relative = request.RequestUri!.AbsoluteUri[Hub.AbsoluteUri.Length..];
        var failover = new Failover(this);
        var attempt = request;
        try
        {
            while (true)
            {
                var hub = Hub;
                if (_token is not null)
                {
                    attempt.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
                }

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(attempt, HttpCompletionOption.ResponseHeadersRead, ct);
                }
                catch (HttpRequestException ex)
                {
                    // not connected: nothing was sent, so another hub may have it
                    if (Hubs.Count > 1 && ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError && await failover.NextAsync(hub, ct))
                    {
                        attempt = Retarget(request, attempt, relative);
                        continue;
                    }

                    throw new HubUnreachableException(hub, Describe(ex), ex);
                }
                catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
                {
                    throw new HubUnreachableException(hub, $"no answer within {_http.Timeout.TotalSeconds:0} s", ex);
                }

                if (Failover.ActiveHubOf(response, relative) is { } active && failover.Redirect())
                {
                    response.Dispose();
                    Volatile.Write(ref _hub, active);
                    attempt = Retarget(request, attempt, relative);
                    continue;
                }

                if (Failover.IsIdleStandby(response) && await failover.NextAsync(hub, ct))
                {
                    response.Dispose();
                    attempt = Retarget(request, attempt, relative);
                    continue;
                }

                return response;
            }
        }
        finally
        {
            Release(request, attempt);
        }
    }

    /// <summary>A copy of <paramref name="request"/> for the hub now in use (the body is sent again: it is buffered or serialized anew).</summary>
    private HttpRequestMessage Retarget(HttpRequestMessage request, HttpRequestMessage previous, string relative)
    {
        Release(request, previous);
        return new HttpRequestMessage(request.Method, new Uri(Hub, relative)) { Content = request.Content, Version = request.Version };
    }

    /// <summary>Disposes a copy, but not the body it shares with the caller's request.</summary>
    private static void Release(HttpRequestMessage request, HttpRequestMessage copy)
    {
        if (!ReferenceEquals(request, copy))
        {
            copy.Content = null;
            copy.Dispose();
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
