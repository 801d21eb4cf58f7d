using System.Net.Http.Headers;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>Sends <paramref name="content"/> as the body and reads the answer as JSON.</summary>
    private async Task<T> SendBytesAsync<T>(HttpMethod method, string path, byte[] content, string contentType, string? notFound, CancellationToken ct)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await SendContentAsync<T>(method, path, body, notFound, ct);
    }

    /// <summary>Reads an answer's body as bytes, with its headers.</summary>
    private async Task<(byte[] Content, HttpResponseHeaders Headers)> GetBytesAsync(string path, string? notFound, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Hub, path));
        using var response = await SendRequestAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, notFound, ct);
        }

        return (await response.Content.ReadAsByteArrayAsync(ct), response.Headers);
    }
}
