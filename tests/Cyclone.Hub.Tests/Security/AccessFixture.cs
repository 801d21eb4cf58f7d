using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cyclone.Hub.Security;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// A hub with everything the authorization matrix needs: users A (alice) and B (bob), their tokens, an agent
/// token, a revoked and an expired token (written to the store while the hub was down, as time would leave it),
/// and things user A owns: a pending job, workflows, a run, a timer, a spare token.
/// </summary>
internal sealed class AccessFixture : IAsyncDisposable
{
    private const string Workflow = """{ "nodes": [ { "name": "only", "command": ["true"] } ], "edges": [] }""";

    private static readonly string[] SleepCommand = ["sleep", "1000"];

    private AccessFixture(InProcessHub hub, IReadOnlyList<AccessIdentity> identities, IReadOnlyDictionary<string, string> names)
    {
        Hub = hub;
        Identities = identities;
        Names = names;
    }

    public InProcessHub Hub { get; }

    /// <summary>The callers, those refused first, then agent, user B, user A, administrator.</summary>
    public IReadOnlyList<AccessIdentity> Identities { get; }

    /// <summary>Values of the placeholders in the matrix's paths: {JA}, {WA}, {RA}, {TA}, {TOKA2}, ...</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    public string AdminToken => Hub.AdminToken;

    public static async Task<AccessFixture> StartAsync()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string data;
        string alice, bob, agent, revoked;
        await using (var setup = await InProcessHub.StartAsync())
        {
            setup.KeepData = true;
            data = setup.DataDirectory;
            using var admin = setup.Http(setup.AdminToken);
            foreach (var user in new[] { "alice", "bob", "dave" })
            {
                await Expect(admin.PostAsJsonAsync("api/v1/users", new { name = user }), 201);
            }

            alice = await TokenAsync(admin, new { user = "alice", name = "a" });
            names["TOKA2"] = (await CreateAsync(admin, new { user = "alice", name = "spare" }))["token"]!["id"]!.ToString();
            bob = await TokenAsync(admin, new { user = "bob", name = "b" });
            agent = await TokenAsync(admin, new { role = "agent", name = "agent" });
            var toRevoke = await CreateAsync(admin, new { user = "alice", name = "revoked" });
            revoked = toRevoke["secret"]!.ToString();
            await Expect(admin.DeleteAsync(new Uri($"api/v1/tokens/{toRevoke["token"]!["id"]}", UriKind.Relative)), 200);

            using var a = setup.Http(alice);
            names["JA"] = (await ReadAsync(await Expect(a.PostAsJsonAsync("api/v1/jobs", new { command = SleepCommand }), 201)))["jobId"]!.ToString();
            foreach (var (key, name) in new[] { ("WA", "alice-flow"), ("WD", "alice-doomed"), ("WD2", "alice-doomed-too") })
            {
                names[key] = name;
                await Expect(a.PutAsync(new Uri($"api/v1/workflows/{name}?format=native", UriKind.Relative), new StringContent(Workflow, Encoding.UTF8, "application/json")), 201);
            }

            names["RA"] = (await ReadAsync(await Expect(a.PostAsync(new Uri("api/v1/workflows/alice-flow/runs", UriKind.Relative), null), 202)))["runId"]!.ToString();
            names["TA"] = (await ReadAsync(await Expect(a.PostAsJsonAsync("api/v1/timers/start", new { @in = "10m", @event = "tick" }), 201)))["id"]!.ToString();
        }

        var expired = TokenSecret.New();
        await using (var store = new SqliteStore(new StoreOptions { DataDirectory = data }, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteStore>.Instance))
        {
            await store.InitializeAsync(CancellationToken.None);
            var past = DateTimeOffset.UtcNow.AddDays(-2);
            await store.AddTokenAsync(
                new TokenRecord(0, "alice", "expired", "user", TokenSecret.LookupOf(expired), TokenSecret.Hash(expired), past, "admin", past.AddDays(1), null, null),
                CancellationToken.None);
        }

        var hub = await InProcessHub.StartAsync(data, null);
        AccessIdentity[] identities =
        [
            new("no token", null, IdentityKind.Refused),
            new("malformed token", "not-a-token", IdentityKind.Refused),
            new("unknown token", TokenSecret.New(), IdentityKind.Refused),
            new("expired token", expired, IdentityKind.Refused),
            new("revoked token", revoked, IdentityKind.Refused),
            new("agent", agent, IdentityKind.Agent),
            new("user B", bob, IdentityKind.UserB),
            new("user A", alice, IdentityKind.UserA),
            new("admin", hub.AdminToken, IdentityKind.Admin),
        ];
        return new AccessFixture(hub, identities, names);
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    /// <summary>
    /// Everything a call could change, read as the administrator: jobs and tasks by state, workflows and their
    /// history, users, tokens, timers, node kinds, events, agents. (The audit trail is left out: it records denials.)
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        using var admin = Hub.Http(Hub.AdminToken);
        var cluster = JsonNode.Parse(await admin.GetStringAsync(new Uri("api/v1/cluster", UriKind.Relative)))!;
        var parts = new List<string> { cluster["jobsByState"]!.ToJsonString(), cluster["tasksByState"]!.ToJsonString() };
        foreach (var path in new[]
        {
            "api/v1/workflows", $"api/v1/workflows/{Names["WA"]}/history", "api/v1/users", "api/v1/tokens", "api/v1/timers/status?all=true",
            "api/v1/kinds", "api/v1/events/status", "api/v1/agents",
        })
        {
            parts.Add(await admin.GetStringAsync(new Uri(path, UriKind.Relative)));
        }

        return string.Join('\n', parts);
    }

    private static async Task<string> TokenAsync(HttpClient admin, object request) => (await CreateAsync(admin, request))["secret"]!.ToString();

    private static async Task<JsonNode> CreateAsync(HttpClient admin, object request) =>
        await ReadAsync(await Expect(admin.PostAsJsonAsync("api/v1/tokens", request), 201));

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> call, int status)
    {
        var response = await call;
        Assert.True((int)response.StatusCode == status, $"set-up call {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
