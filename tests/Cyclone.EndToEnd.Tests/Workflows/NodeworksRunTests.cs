using System.Text;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Workflows;

public sealed class NodeworksRunTests(ITestOutputHelper output)
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "node_ex.nc");

    [Fact]
    public async Task Node_ex_runs_on_agents_and_computes_the_values_recorded_in_the_file()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);
        await cluster.StartAgentAsync("b", slots: 2);

        var publish = await cluster.CliAsync("workflow", "publish", Fixture, "--name", "node_ex", "-m", "first");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        var run = await cluster.CliAsync("workflow", "execute", "node_ex", "--wait", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var status = JsonNode.Parse(run.Stdout)!;
        var runId = (long)status["runId"]!;

        var download = Path.Combine(cluster.DataDirectory, "computed.nc");
        var result = await cluster.CliAsync("workflow", "get", "node_ex", "--run", $"{runId}", "-o", download);
        Assert.Equal(0, result.ExitCode);
        var bytes = await File.ReadAllBytesAsync(download);
        Assert.Equal(await File.ReadAllBytesAsync(Fixture), bytes); // every computed terminal value equals the recorded one, byte for byte

        var computed = JsonNode.Parse(bytes)!;
        Assert.Equal(271860.0, (double)computed["subtract"]!["terminals"]!["result"]!["value"]!);
        var nodes = status["nodes"]!.AsArray();
        Assert.All(nodes, n => Assert.Equal("COMPLETED", (string?)n!["state"]));
        Assert.Equal(2, nodes.SelectMany(n => n!["agents"]!.AsArray()).Select(a => (string?)a).Distinct().Count()); // spread over both hosts
    }

    [Fact]
    public async Task The_downloaded_file_differs_from_the_original_only_in_the_output_values()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);
        var changed = (await File.ReadAllTextAsync(Fixture)).Replace("\"value\": 87,", "\"value\": 88,", StringComparison.Ordinal);
        var path = Path.Combine(cluster.DataDirectory, "changed.nc");
        await File.WriteAllTextAsync(path, changed, new UTF8Encoding(false));

        Assert.Equal(0, (await cluster.CliAsync("workflow", "publish", path, "--name", "ex88")).ExitCode);
        var run = await cluster.CliAsync("workflow", "execute", "ex88", "--wait", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var runId = (long)JsonNode.Parse(run.Stdout)!["runId"]!;
        var download = Path.Combine(cluster.DataDirectory, "computed.nc");
        Assert.Equal(0, (await cluster.CliAsync("workflow", "get", "ex88", "--run", $"{runId}", "-o", download)).ExitCode);
        var result = await File.ReadAllTextAsync(download);

        // 3125 * 88 = 275000; 275000 - 15 = 274985: only those two output values change
        // (multiply's result comes before subtract's minuend, an input whose stored value a run leaves alone)
        var expected = ReplaceFirst(ReplaceFirst(changed, "\"value\": 271875.0,", "\"value\": 275000.0,"), "\"value\": 271860.0,", "\"value\": 274985.0,");
        Assert.Equal(expected, result);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is in the file");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
