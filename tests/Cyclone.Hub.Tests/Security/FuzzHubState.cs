using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// What the fuzzers compare before and after: everything a call could change, read through the API as the
/// administrator; and a little state to compare (a user with a token, an agent token, a workflow, a timer, an event).
/// The audit trail is left out: it records every call, refused ones too.
/// </summary>
internal static class FuzzHubState
{
    public const string SeedWorkflow = "fuzz-seed-flow";

    private const string Workflow = """{ "nodes": [ { "name": "only", "command": ["true"] } ], "edges": [] }""";

    private static readonly string[] TrueCommand = ["true"];

    public static async Task SeedAsync(HttpClient admin)
    {
        await ExpectAsync(admin.PostAsJsonAsync("api/v1/users", new { name = "fuzz-seed-user" }), HttpStatusCode.Created);
        await ExpectAsync(admin.PostAsJsonAsync("api/v1/tokens", new { user = "fuzz-seed-user", name = "seed" }), HttpStatusCode.Created);
        await ExpectAsync(admin.PostAsJsonAsync("api/v1/tokens", new { role = "agent", name = "seed agent" }), HttpStatusCode.Created);
        await ExpectAsync(
            admin.PutAsync(new Uri($"api/v1/workflows/{SeedWorkflow}?format=native", UriKind.Relative), new StringContent(Workflow, Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
        await ExpectAsync(admin.PostAsJsonAsync("api/v1/timers/start", new { @in = "6h", @event = "fuzz.tick" }), HttpStatusCode.Created);
        await ExpectAsync(admin.PostAsJsonAsync("api/v1/events/push", new { name = "fuzz.seed", data = new { n = 1 } }), HttpStatusCode.OK);
    }

    /// <summary>Creates a token as <paramref name="admin"/> asks (e.g. <c>new { role = "agent" }</c>) and returns its secret.</summary>
    public static async Task<string> TokenAsync(HttpClient admin, object request)
    {
        using var response = await admin.PostAsJsonAsync("api/v1/tokens", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating a token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["secret"]!;
    }

    /// <summary>The state as the administrator reads it; agents (which the agent-stream fuzzers connect on purpose) only when asked.</summary>
    public static async Task<string> SnapshotAsync(HttpClient admin, bool withAgents = true)
    {
        var jobs = JsonNode.Parse(await admin.GetStringAsync(new Uri("api/v1/jobs?limit=1", UriKind.Relative)))!;
        var cluster = JsonNode.Parse(await admin.GetStringAsync(new Uri("api/v1/cluster", UriKind.Relative)))!;
        var parts = new List<string>
        {
            $"jobs total {jobs["total"]}", $"jobs {cluster["jobsByState"]?.ToJsonString()}", $"tasks {cluster["tasksByState"]?.ToJsonString()}",
        };
        foreach (var path in new[]
        {
            "api/v1/workflows", $"api/v1/workflows/{SeedWorkflow}/history", "api/v1/users", "api/v1/tokens", "api/v1/timers/status?all=true",
            "api/v1/kinds", "api/v1/events/status", withAgents ? "api/v1/agents" : "api/v1/whoami",
        })
        {
            parts.Add($"{path}: {await admin.GetStringAsync(new Uri(path, UriKind.Relative))}");
        }

        return string.Join('\n', parts);
    }

    /// <summary>The hub still serves: /healthz answers, and a valid job is accepted (201).</summary>
    public static async Task AssertServingAsync(InProcessHub hub, string context)
    {
        using var anonymous = hub.Http(null);
        using var health = await anonymous.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.True(health.StatusCode == HttpStatusCode.OK, $"{context}: GET /healthz answered {(int)health.StatusCode}");
        using var admin = hub.Http(hub.AdminToken);
        using var job = await admin.PostAsJsonAsync("api/v1/jobs", new { command = TrueCommand });
        Assert.True(job.StatusCode == HttpStatusCode.Created, $"{context}: a valid job was answered {(int)job.StatusCode}: {await job.Content.ReadAsStringAsync()}");
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        Assert.True(response.StatusCode == expected, $"seeding: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
