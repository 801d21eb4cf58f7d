using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Workflows;

public sealed class WorkflowVersionTests(ITestOutputHelper output)
{
    private static string Version(int n) => $$"""{ "nodes": [ { "name": "v", "command": ["sh", "-c", "echo version {{n}}"] } ] }""";

    [Fact]
    public async Task Three_publishes_give_three_commits_a_run_records_its_commit_and_old_revisions_stay_readable()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 1);
        var path = Path.Combine(cluster.DataDirectory, "wf.json");
        var commits = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            await File.WriteAllTextAsync(path, Version(n), new UTF8Encoding(false));
            var published = await cluster.CliAsync("workflow", "publish", path, "--name", "wf", "-m", $"version {n}", "--json");
            Assert.True(published.ExitCode == 0, published.ToString());
            commits.Add((string)JsonNode.Parse(published.Stdout)!["commit"]!);
        }

        var history = JsonNode.Parse((await cluster.CliAsync("workflow", "history", "wf", "--json")).Stdout)!.AsArray();
        Assert.Equal(3, history.Count);
        Assert.Equal(commits.AsEnumerable().Reverse(), history.Select(h => (string)h!["commit"]!));
        Assert.Equal(["version 3", "version 2", "version 1"], history.Select(h => (string)h!["message"]!));
        Assert.All(history, h => Assert.Equal("admin", (string?)h!["author"]));

        var file = Path.Combine(cluster.DataDirectory, "got.json");
        Assert.Equal(0, (await cluster.CliAsync("workflow", "get", "wf", "--revision", commits[0][..10], "-o", file)).ExitCode);
        Assert.Equal(Version(1), await File.ReadAllTextAsync(file));
        Assert.Equal(0, (await cluster.CliAsync("workflow", "get", "wf", "-o", file)).ExitCode);
        Assert.Equal(Version(3), await File.ReadAllTextAsync(file));

        var run = JsonNode.Parse((await cluster.CliAsync("workflow", "execute", "wf", "--revision", commits[1], "--wait", "--json")).Stdout)!;
        Assert.Equal(commits[1], (string?)run["commit"]);
        var runId = (long)run["runId"]!;
        var logs = await cluster.CliAsync("logs", $"{runId}");
        Assert.Contains("version 2", logs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_workflows_are_refused_with_every_problem_listed_and_nothing_stored()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        using var http = cluster.Http();
        var cases = new Dictionary<string, (string Body, string[] Expected)>
        {
            ["cycle"] = ("""{ "nodes": [ {"name":"a","command":["true"]}, {"name":"b","command":["true"]}, {"name":"c","command":["true"]} ], "edges": [ {"from":"a","to":"b"}, {"from":"b","to":"c"}, {"from":"c","to":"a"} ] }""", ["cycle", "a", "b", "c"]),
            ["unknown-node"] = ("""{ "nodes": [ {"name":"a","command":["true"]} ], "edges": [ {"from":"a","to":"ghost"} ] }""", ["ghost"]),
            ["unknown-terminal"] = ("""{ "nodes": [ {"name":"a","task":"math.Power"}, {"name":"b","task":"math.Power"} ], "edges": [ {"from":"a","output":"nope","to":"b","input":"base"} ] }""", ["nope"]),
            ["unknown-kinds"] = ("""{ "nodes": [ {"name":"a","task":"math.Frobnicate"}, {"name":"b","task":"stats.Mean"} ] }""", ["math.Frobnicate", "stats.Mean"]),
            ["type-mismatch"] = ("""{ "nodes": [ {"name":"a","task":"math.Power","inputs":{"base":"five","exponent":2}} ] }""", ["base"]),
            ["duplicates"] = ("""{ "nodes": [ {"name":"a","command":["true"]}, {"name":"a","command":["false"]} ] }""", ["duplicate", "a"]),
            ["all-at-once"] = ("""{ "nodes": [ {"name":"a","command":["true"]}, {"name":"a","task":"no.Such"}, {"name":"b","command":["true"]} ], "edges": [ {"from":"a","to":"b"}, {"from":"b","to":"a"} ] }""", ["cycle", "no.Such", "duplicate"]),
        };
        foreach (var (name, (body, expected)) in cases)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri($"/api/v1/workflow/publish?name={name}", UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
            foreach (var e in expected)
            {
                Assert.True(text.Contains(e, StringComparison.Ordinal), $"{name}: '{e}' missing from {text}");
            }
        }

        using var list = await http.GetAsync(new Uri("/api/v1/workflows", UriKind.Relative));
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
        var oversize = new StringBuilder("{ \"nodes\": [");
        for (var i = 0; i < 200_001; i++)
        {
            oversize.Append(i == 0 ? "" : ",").Append("{\"name\":\"n").Append(i).Append("\",\"command\":[\"true\"]}");
        }

        using var big = new StringContent(oversize.Append("] }").ToString(), Encoding.UTF8, "application/json");
        using var tooBig = await http.PostAsync(new Uri("/api/v1/workflow/publish?name=big", UriKind.Relative), big);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("200000", await tooBig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
