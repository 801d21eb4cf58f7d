using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// Every endpoint x {no token, malformed, unknown, expired, revoked, user A, user B, agent, admin}: the status each
/// caller gets, a problem-details body on every refusal, and nothing changed by any refused call.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    [Fact]
    public async Task Every_endpoint_gives_each_caller_the_expected_status_and_refused_calls_change_nothing()
    {
        await using var fixture = await AccessFixture.StartAsync();
        var failures = new List<string>();
        var calls = 0;
        foreach (var call in AccessMatrix.Cases)
        {
            foreach (var identity in fixture.Identities)
            {
                calls++;
                await CheckAsync(fixture, call, identity, failures);
            }
        }

        foreach (var identity in fixture.Identities.Where(i => i.Kind != IdentityKind.Admin))
        {
            calls++;
            await CheckAsync(fixture, AccessMatrix.Shutdown, identity, failures);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls went wrong:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Refused_calls_are_in_the_audit_trail_with_who_tried_and_why()
    {
        await using var fixture = await AccessFixture.StartAsync();
        var userB = fixture.Identities.Single(i => i.Kind == IdentityKind.UserB);
        using (var b = fixture.Hub.Http(userB.Token))
        {
            using var denied = await b.PostAsync(new Uri($"api/v1/jobs/{fixture.Names["JA"]}/cancel", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using var admin = fixture.Hub.Http(fixture.AdminToken);
        JsonArray entries = [];
        await FuzzEventually.TrueAsync(async () =>
        {
            entries = JsonNode.Parse(await admin.GetStringAsync(new Uri("api/v1/audit?denied=true", UriKind.Relative)))!.AsArray();
            return entries.Any(e => (string?)e!["user"] == "bob");
        }, "the refusal is in the audit trail", TimeSpan.FromSeconds(20));
        var entry = entries.First(e => (string?)e!["user"] == "bob")!;
        Assert.Equal(403, (int)entry["status"]!);
        Assert.Equal($"/api/v1/jobs/{fixture.Names["JA"]}/cancel", (string?)entry["path"]);
        Assert.Equal("user", (string?)entry["role"]);
        Assert.DoesNotContain(userB.Token!, entries.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_scheme_for_every_operation()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var user = hub.Http(hub.AdminToken);
        var document = JsonNode.Parse(await user.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)))!;
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        Assert.NotNull(document["security"]![0]!["Bearer"]);
    }

    [Fact]
    public async Task An_administrator_stops_the_hub_through_the_api()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        using var stop = await admin.PostAsync(new Uri("api/v1/admin/shutdown", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        await FuzzEventually.TrueAsync(async () =>
        {
            try
            {
                using var health = await admin.GetAsync(new Uri("healthz", UriKind.Relative));
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, "the hub has stopped", TimeSpan.FromSeconds(20));
    }

    private static async Task CheckAsync(AccessFixture fixture, AccessCase call, AccessIdentity identity, List<string> failures)
    {
        var allowed = AccessMatrix.Allows(call.Rule, identity.Kind);
        var before = allowed ? null : await fixture.SnapshotAsync();
        var path = Fill(call.Path, fixture.Names);
        using var http = fixture.Hub.Http(null);
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri(path.TrimStart('/'), UriKind.Relative));
        if (identity.Token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {identity.Token}");
        }

        if (call.Body is not null)
        {
            request.Content = new StringContent(call.Body, Encoding.UTF8, MediaTypeHeaderValue.Parse(call.ContentType));
        }

        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{call.Method} {path} as {identity}";
        if (allowed)
        {
            if (!call.Allowed.Contains(status))
            {
                failures.Add($"{what}: expected {string.Join(" or ", call.Allowed)}, got {status}: {Shorten(body)}");
            }

            return;
        }

        var expected = identity.Kind == IdentityKind.Refused ? 401 : 403;
        if (status != expected)
        {
            failures.Add($"{what}: expected {expected}, got {status}: {Shorten(body)}");
        }
        else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !body.Contains("\"detail\"", StringComparison.Ordinal))
        {
            failures.Add($"{what}: the refusal has no problem-details body ({response.Content.Headers.ContentType}): {Shorten(body)}");
        }

        if (identity.Token is { Length: > 0 } token && body.Contains(token, StringComparison.Ordinal))
        {
            failures.Add($"{what}: the answer repeats the token");
        }

        var after = await fixture.SnapshotAsync();
        if (after != before)
        {
            failures.Add($"{what}: refused ({status}) but the hub's state changed");
        }
    }

    private static string Fill(string path, IReadOnlyDictionary<string, string> names)
    {
        foreach (var (key, value) in names)
        {
            path = path.Replace("{" + key + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return path;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
