using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Workflows;

public sealed class NodeKindTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_registered_command_template_kind_runs_with_its_inputs_filled_in()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);
        using var http = cluster.Http();
        var kind = new JsonObject
        {
            ["command"] = new JsonArray("sh", "-c", "printf '{\"result\": \"%s\"}' \"$(echo {text} | tr a-z A-Z)\" > \"$CYCLONE_OUTPUTS\""),
            ["inputs"] = new JsonObject { ["text"] = "string" },
            ["outputs"] = new JsonObject { ["result"] = "string" },
        };
        using (var put = await http.PutAsJsonAsync(new Uri("/api/v1/kinds/text.Upper", UriKind.Relative), kind))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        using (var bad = await http.PutAsJsonAsync(new Uri("/api/v1/kinds/math.Power", UriKind.Relative), kind))
        {
            Assert.False(bad.IsSuccessStatusCode); // built-in kinds cannot be redefined
        }

        var path = Path.Combine(cluster.DataDirectory, "upper.json");
        await File.WriteAllTextAsync(path, """
            { "nodes": [ { "name": "up", "task": "text.Upper", "inputs": { "text": "hello" } },
                         { "name": "len", "command": ["sh", "-c", "echo \"{\\\"n\\\": ${#CYCLONE_INPUT_S}}\" > \"$CYCLONE_OUTPUTS\""], "inputPorts": { "s": "string" }, "outputs": { "n": "integer" } } ],
              "edges": [ { "from": "up", "output": "result", "to": "len", "input": "s" } ] }
            """, new UTF8Encoding(false));
        Assert.Equal(0, (await cluster.CliAsync("workflow", "publish", path, "--name", "upper")).ExitCode);
        var run = await cluster.CliAsync("workflow", "execute", "upper", "--wait", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var nodes = JsonNode.Parse(run.Stdout)!["nodes"]!.AsArray();
        Assert.Equal("HELLO", (string?)nodes[0]!["outputs"]!["result"]);
        Assert.Equal(5, (int)nodes[1]!["outputs"]!["n"]!);
    }
}
