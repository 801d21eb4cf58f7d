namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// Every endpoint of the hub with who may call it. Placeholders in braces are filled from <see cref="AccessFixture.Names"/>.
/// Calls that destroy what later rows need come last.
/// </summary>
internal static class AccessMatrix
{
    private const string Flow = """{ "nodes": [ { "name": "only", "command": ["true"] } ], "edges": [] }""";

    public static readonly IReadOnlyList<AccessCase> Cases =
    [
        new("GET", "/healthz", null, AccessRule.Anyone, 200),
        new("GET", "/openapi/v1.json", null, AccessRule.Users, 200),
        new("GET", "/metrics", null, AccessRule.Users, 200),

        new("POST", "/api/v1/jobs", """{"command":["true"]}""", AccessRule.Users, 201),
        new("GET", "/api/v1/jobs", null, AccessRule.Users, 200),
        new("GET", "/api/v1/jobs/{JA}", null, AccessRule.Users, 200),
        new("GET", "/api/v1/jobs/{JA}/output", null, AccessRule.Owner, 200),
        new("GET", "/api/v1/agents", null, AccessRule.Users, 200),
        new("GET", "/api/v1/cluster", null, AccessRule.Users, 200),
        new("GET", "/api/v1/tasks", null, AccessRule.Users, 200),
        new("GET", "/api/v1/jobs?q=alice&sort=started&order=asc&state=PENDING", null, AccessRule.Users, 200),
        new("GET", "/api/v1/stream?max=1", null, AccessRule.Users, 200),

        new("GET", "/api/v1/workflows", null, AccessRule.Users, 200),
        new("PUT", "/api/v1/workflows/{WA}?format=native", Flow, AccessRule.Owner, 201),
        new("GET", "/api/v1/workflows/{WA}", null, AccessRule.Users, 200),
        new("GET", "/api/v1/workflows/{WA}/history", null, AccessRule.Users, 200),
        new("POST", "/api/v1/workflows/{WA}/runs", null, AccessRule.Users, 202),
        new("GET", "/api/v1/workflows/{WA}/runs", null, AccessRule.Users, 200),
        new("GET", "/api/v1/runs/{RA}", null, AccessRule.Users, 200),
        new("GET", "/api/v1/runs/{RA}/file", null, AccessRule.Owner, 200),
        new("GET", "/api/v1/runs/{RA}/estimate", null, AccessRule.Users, 200),
        new("GET", "/api/v1/workflow/schema", null, AccessRule.Users, 200),
        new("POST", "/api/v1/workflow/publish?name={WA}&format=native", Flow, AccessRule.Owner, 201),
        new("GET", "/api/v1/workflow/get?name={WA}", null, AccessRule.Users, 200),
        new("GET", "/api/v1/workflow/get?name={WA}&run={RA}", null, AccessRule.Owner, 200),
        new("POST", "/api/v1/workflow/execute?name={WA}", null, AccessRule.Users, 202),
        new("GET", "/api/v1/workflow/status?run={RA}", null, AccessRule.Users, 200),
        new("GET", "/api/v1/workflow/history?name={WA}", null, AccessRule.Users, 200),
        new("POST", "/api/v1/workflow/submit?name=tasks", "a true\n", AccessRule.Users, 202) { ContentType = "text/plain" },
        new("POST", "/api/v1/runs/{RA}/cancel", null, AccessRule.Owner, 200),
        new("POST", "/api/v1/workflow/cancel?run={RA}", null, AccessRule.Owner, 200),
        new("DELETE", "/api/v1/workflows/{WD}", null, AccessRule.Owner, 200, 404),
        new("DELETE", "/api/v1/workflow/delete?name={WD2}", null, AccessRule.Owner, 200, 404),

        new("POST", "/api/v1/events/push", """{"name":"matrix"}""", AccessRule.Users, 200),
        new("GET", "/api/v1/events/status", null, AccessRule.Users, 200),
        new("POST", "/api/v1/timers/start", """{"in":"1h","event":"matrix"}""", AccessRule.Users, 201),
        new("GET", "/api/v1/timers/status", null, AccessRule.Users, 200),
        new("DELETE", "/api/v1/timers/{TA}", null, AccessRule.Owner, 204, 404),

        new("GET", "/api/v1/kinds", null, AccessRule.Users, 200),
        new("PUT", "/api/v1/kinds/matrix.Echo", """{"command":["echo","{text}"],"inputs":{"text":"string"}}""", AccessRule.Admin, 200),
        new("DELETE", "/api/v1/kinds/matrix.Echo", null, AccessRule.Admin, 204, 404),

        new("GET", "/api/v1/status", null, AccessRule.Users, 200),
        new("GET", "/api/v1/queue/status", null, AccessRule.Users, 200),
        new("GET", "/api/v1/runners/status", null, AccessRule.Users, 200),
        new("POST", "/api/v1/runners/register", """{"name":"matrix-runner","slots":1}""", AccessRule.Agents, 200),
        new("POST", "/api/v1/runners/cancel?name=nobody", null, AccessRule.Admin, 200),
        new("POST", "/api/v1/runners/shutdown?name=nobody", null, AccessRule.Admin, 404),
        new("GET", "/api/v1/queue/classes", null, AccessRule.Users, 200),
        new("GET", "/api/v1/agents/nobody/tasks", null, AccessRule.Users, 404),
        new("GET", "/api/v1/agents/nobody/load", null, AccessRule.Users, 404),
        new("POST", "/api/v1/agents/nobody/drain", null, AccessRule.Admin, 404),
        new("POST", "/api/v1/agents/nobody/resume", null, AccessRule.Admin, 404),
        new("POST", "/api/v1/agents/nobody/cancel", null, AccessRule.Admin, 404),
        new("POST", "/api/v1/agents/nobody/shutdown", null, AccessRule.Admin, 404),

        new("GET", "/api/v1/whoami", null, AccessRule.AnyToken, 200),
        new("GET", "/api/v1/users", null, AccessRule.Admin, 200),
        new("POST", "/api/v1/users", """{"name":"carol"}""", AccessRule.Admin, 201),
        new("PATCH", "/api/v1/users/dave", """{"disabled":true}""", AccessRule.Admin, 200),
        new("POST", "/api/v1/users/dave/disable", null, AccessRule.Admin, 200),
        new("GET", "/api/v1/tokens", null, AccessRule.Users, 200),
        new("POST", "/api/v1/tokens", """{"name":"mine"}""", AccessRule.Users, 201),
        new("POST", "/api/v1/tokens", """{"role":"agent","name":"agent"}""", AccessRule.Admin, 201),
        new("POST", "/api/v1/tokens", """{"user":"carol","name":"for carol"}""", AccessRule.Admin, 201),
        new("POST", "/api/v1/tokens/{TOKA2}/revoke", null, AccessRule.Owner, 200),
        new("DELETE", "/api/v1/tokens/{TOKA2}", null, AccessRule.Owner, 200),
        new("GET", "/api/v1/audit", null, AccessRule.Admin, 200),

        new("POST", "/api/v1/jobs/{JA}/retry", null, AccessRule.Owner, 409),
        new("POST", "/api/v1/jobs/{JA}/cancel", null, AccessRule.Owner, 200),
        new("POST", "/api/v1/queue/clear", null, AccessRule.Users, 200),
        new("POST", "/api/v1/admin/cancel_all", null, AccessRule.Admin, 200),

        // after cancel_all: nothing is left to lease, so these change nothing
        new("POST", "/api/v1/tasks/lease", """{"max":5}""", AccessRule.AnyToken, 200),
        new("POST", "/api/v1/tasks/999999/heartbeat", """{"attempt":1}""", AccessRule.AnyToken, 404),
        new("POST", "/api/v1/tasks/999999/complete", """{"attempt":1,"exitCode":0}""", AccessRule.AnyToken, 404),
        new("POST", "/api/v1/tasks/999999/fail", """{"attempt":1,"message":"m"}""", AccessRule.AnyToken, 404),
        new("POST", "/api/v1/tasks/999999/release", """{"attempt":1}""", AccessRule.AnyToken, 404),
        new("POST", "/api/v1/tasks/heartbeat", """{"tasks":[{"id":999999}]}""", AccessRule.AnyToken, 200),
        new("POST", "/api/v1/tasks/complete", """{"tasks":[{"id":999999}]}""", AccessRule.AnyToken, 200),
        new("POST", "/api/v1/tasks/fail", """{"tasks":[{"id":999999}]}""", AccessRule.AnyToken, 200),
        new("POST", "/api/v1/tasks/release", """{"tasks":[{"id":999999}]}""", AccessRule.AnyToken, 200),
    ];

    /// <summary>
    /// <c>POST /api/v1/admin/shutdown</c> stops the hub; the matrix checks every caller but the administrator
    /// is refused, and a separate test that the administrator stops it.
    /// </summary>
    public static readonly AccessCase Shutdown = new("POST", "/api/v1/admin/shutdown", null, AccessRule.Admin, 202);

    /// <summary>Whether <paramref name="kind"/> may make a call with <paramref name="rule"/>.</summary>
    public static bool Allows(AccessRule rule, IdentityKind kind) => rule switch
    {
        AccessRule.Anyone => true,
        _ when kind == IdentityKind.Refused => false,
        AccessRule.AnyToken => true,
        AccessRule.Users => kind is IdentityKind.UserA or IdentityKind.UserB or IdentityKind.Admin,
        AccessRule.Owner => kind is IdentityKind.UserA or IdentityKind.Admin,
        AccessRule.Admin => kind == IdentityKind.Admin,
        AccessRule.Agents => kind is IdentityKind.Agent or IdentityKind.Admin,
        _ => false,
    };
}
