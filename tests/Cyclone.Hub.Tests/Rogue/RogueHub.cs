using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Hub.Tests.Security;

namespace Cyclone.Hub.Tests.Rogue;

/// <summary>The rogue-agent tests' hub: short leases, and the calls the tests make as the administrator.</summary>
internal static class RogueHub
{
    /// <summary>Jobs for the honest agent ask for this label; only agents that carry it run them.</summary>
    public const string HonestLabel = "honest";

    public static Task<InProcessHub> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hub:LeaseTimeout"] = "00:00:03",
            ["Hub:HeartbeatInterval"] = "00:00:00.500",
            ["Hub:TickInterval"] = "00:00:00.250",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return InProcessHub.StartAsync(settings);
    }

    public static Task<string> AgentTokenAsync(HttpClient admin, string name) => FuzzHubState.TokenAsync(admin, new { role = "agent", name });

    /// <summary>Submits <paramref name="count"/> jobs of <c>true</c>; returns their ids.</summary>
    public static async Task<List<long>> SubmitAsync(HttpClient admin, int count, string? label = HonestLabel, int envBytes = 0)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var request = new Dictionary<string, object?> { ["command"] = new[] { "true" }, ["name"] = $"rogue-test-{i}" };
            if (label is not null)
            {
                request["labels"] = new[] { label };
            }

            if (envBytes > 0)
            {
                request["environment"] = new Dictionary<string, string> { ["PADDING"] = new string('p', envBytes) };
            }

            using var response = await admin.PostAsJsonAsync("api/v1/jobs", request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"submitting: {(int)response.StatusCode} {FuzzReport.Shorten(body, 300)}");
            ids.Add((long)JsonNode.Parse(body)!["jobId"]!);
        }

        return ids;
    }

    /// <summary>The job's only task as the API shows it.</summary>
    public static async Task<JsonNode> TaskAsync(HttpClient admin, long job) =>
        JsonNode.Parse(await admin.GetStringAsync(new Uri($"api/v1/jobs/{job}", UriKind.Relative)))!["tasks"]!.AsArray().Single()!;

    public static async Task<string> StateAsync(HttpClient admin, long job) => (string)(await TaskAsync(admin, job))["state"]!;

    /// <summary>Every output chunk of a job, concatenated.</summary>
    public static async Task<string> OutputAsync(HttpClient admin, long job)
    {
        var page = JsonNode.Parse(await admin.GetStringAsync(new Uri($"api/v1/jobs/{job}/output?limit=10000", UriKind.Relative)))!;
        return string.Concat(page["chunks"]!.AsArray().Select(c => (string)c!["data"]!));
    }

    public static Task AllAsync(HttpClient admin, IEnumerable<long> jobs, string state, string what, int seconds = 30) =>
        FuzzEventually.TrueAsync(
            async () => (await Task.WhenAll(jobs.Select(j => StateAsync(admin, j)))).All(s => s == state),
            what,
            TimeSpan.FromSeconds(seconds));
}
