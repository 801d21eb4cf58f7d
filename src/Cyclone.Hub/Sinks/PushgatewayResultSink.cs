using System.Text;
using System.Text.Json.Nodes;

namespace Cyclone.Hub.Sinks;

/// <summary>
/// Pushes metrics to a Prometheus Pushgateway in the text exposition format, one push per (job, instance) group:
/// <c>POST</c> (or <c>PUT</c>) <c>/metrics/job/JOB/instance/INSTANCE</c>. A metric item is
/// <c>{"name": ..., "value": ..., "labels": {...}, "help": ...}</c>; within a batch the last sample of a series wins.
/// An item that is no metric is skipped and counted. Pushing a batch again sets the same values: repeats are harmless.
/// </summary>
public sealed class PushgatewayResultSink(SinkOptions options, HttpClient http) : IResultSink
{
    private readonly Uri _base = new(options.Url!.TrimEnd('/') + "/", UriKind.Absolute);

    /// <summary>Items skipped because they are no metric.</summary>
    public long Skipped { get; private set; }

    public async Task DeliverAsync(IReadOnlyList<SinkSet> sets, CancellationToken ct)
    {
        var groups = new Dictionary<string, PushgatewayGroup>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var item in set.Items)
            {
                if (PushgatewayMetric.From(item as JsonObject) is not { } metric)
                {
                    Skipped++;
                    continue;
                }

                var instance = metric.Instance ?? options.Instance ?? set.Record.Agent ?? Environment.MachineName;
                if (!groups.TryGetValue(instance, out var group))
                {
                    groups[instance] = group = new PushgatewayGroup();
                }

                group.Add(metric);
            }
        }

        foreach (var (instance, group) in groups)
        {
            var path = $"metrics/job/{Segment(options.Job)}/instance/{Segment(instance)}";
            using var request = new HttpRequestMessage(new HttpMethod(options.Method), new Uri(_base, path))
            {
                Content = new StringContent(group.ToText(), Encoding.UTF8, "text/plain"),
            };
            request.Content.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("version", "0.0.4"));
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                throw new HttpRequestException($"the Pushgateway answered {(int)response.StatusCode} to {request.Method} /{path}: {Core.Parsing.Excerpt.Of(body.Trim(), 300)}");
            }
        }
    }

    /// <summary>A grouping label value as a path segment: base64url (<c>@base64</c>) when it is empty or holds a slash.</summary>
    private static string Segment(string value) =>
        value.Length == 0 || value.Contains('/', StringComparison.Ordinal)
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "@base64"
            : Uri.EscapeDataString(value);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
