using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Hub.Tests.Security;

namespace Cyclone.Hub.Tests.Stream;

/// <summary>GET /api/v1/stream on a real hub: events as they are sent, and bad queries refused.</summary>
public sealed class StreamEndpointTests
{
    private static readonly object Submission = new { command = new[] { "true" }, defer = true };

    [Fact]
    public async Task A_cancelled_job_is_announced_on_the_stream_with_its_id()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        using var submit = await admin.PostAsJsonAsync(new Uri("api/v1/jobs", UriKind.Relative), Submission);
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);
        var jobId = (long)JsonNode.Parse(await submit.Content.ReadAsStringAsync())!["jobId"]!;

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/stream", UriKind.Relative));
        using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal("event: hello", await reader.ReadLineAsync());

        using var cancel = await admin.PostAsync(new Uri($"api/v1/jobs/{jobId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sawJobs = false;
        var sawPulseWithTheEnd = false;
        string? kind = null;
        while (!(sawJobs && sawPulseWithTheEnd))
        {
            var line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonNode.Parse(line["data: ".Length..])!;
                sawJobs |= kind == "jobs" && data["ids"]!.AsArray().Any(id => (long)id! == jobId);
                sawPulseWithTheEnd |= kind == "pulse" && (long)data["failed"]! >= 1;
            }
        }
    }

    [Fact]
    public async Task The_first_event_is_hello_with_the_cluster_and_max_ends_the_stream()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var text = await admin.GetStringAsync(new Uri("api/v1/stream?max=1", UriKind.Relative));

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("event: hello", lines[0]);
        var hello = JsonNode.Parse(lines[1]["data: ".Length..])!;
        Assert.Equal(0, (int)hello["agentsUp"]!);
        Assert.NotNull(hello["agentsVersion"]);
    }

    [Theory]
    [InlineData("max=0")]
    [InlineData("max=-3")]
    [InlineData("max=100001")]
    public async Task A_bad_max_is_refused_with_a_problem_naming_it(string query)
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        using var response = await admin.GetAsync(new Uri($"api/v1/stream?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'max'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
