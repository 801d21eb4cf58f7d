using System.Text;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class BadInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 1);

        foreach (var command in new[] { "logs", "kill" })
        {
            var unknown = await cluster.CliAsync(command, "999999");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("999999", unknown.Stderr, StringComparison.Ordinal);
        }

        var empty = await cluster.CliAsync("run", "--", "");
        Assert.NotEqual(0, empty.ExitCode);
        Assert.Contains("command", empty.Stderr, StringComparison.OrdinalIgnoreCase);

        var badTime = await cluster.CliAsync("run", "--time", "1:2:3:4", "--", "true");
        Assert.Equal(1, badTime.ExitCode);
        Assert.Contains("1:2:3:4", badTime.Stderr, StringComparison.Ordinal);

        var badMemory = await cluster.CliAsync("run", "--mem", "12X", "--", "true");
        Assert.Equal(1, badMemory.ExitCode);
        Assert.Contains("12X", badMemory.Stderr, StringComparison.Ordinal);

        using var http = cluster.Http();
        using var malformed = await http.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), new StringContent("{\"command\": [\"true\"", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("application/problem+json", malformed.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, (await cluster.Client.ListJobsAsync(null, null, 0, 10, CancellationToken.None)).Total);
    }
}
