using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// Malformed and oversize bodies, odd paths and odd query strings, sent as the administrator (so that authorization
/// hides no parsing) to every operation of the OpenAPI document: none gets a 5xx, every refusal with a body is
/// problem details, nothing changes, and the hub serves on.
/// </summary>
public sealed class FuzzBodiesTests(ITestOutputHelper output)
{
    private const string HubShutdown = "/api/v1/admin/shutdown";

    [Fact]
    public async Task Malformed_and_oversize_bodies_never_get_a_500_and_change_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var hub = await InProcessHub.StartAsync();
        using var admin = FuzzCall.AdminClient(hub);
        await FuzzHubState.SeedAsync(admin);
        var endpoints = await FuzzOpenApi.ReadAsync(admin);
        Assert.True(endpoints.Count > 40, $"the OpenAPI document lists only {endpoints.Count} operations");
        Assert.Contains(endpoints, e => e is { Method: "POST", Template: HubShutdown });
        var fallback = endpoints.SelectMany(e => e.BodyProperties).DistinctBy(p => p.Name).ToList();
        var before = await FuzzHubState.SnapshotAsync(admin);
        var report = new FuzzReport(FuzzSeed.Value);

        // POST /admin/shutdown stops the hub, on purpose: it is fuzzed on a hub of its own (the next test).
        foreach (var endpoint in endpoints.Where(e => e is not { Method: "POST", Template: HubShutdown }))
        {
            if (!await FuzzAsync(hub, admin, endpoint, fallback, report))
            {
                break; // the hub is down: the failure is recorded
            }
        }

        output.WriteLine(report.Summary(clock.Elapsed));

        Assert.True(report.Failures.Count == 0, report.Describe(report.Failures, "answers that were 5xx, wrong or missing"));
        Assert.True(report.NotProblemDetails.Count == 0, report.Describe(report.NotProblemDetails, "4xx answers that are not problem details"));
        var after = await FuzzHubState.SnapshotAsync(admin);
        Assert.True(
            before == after,
            $"seed {FuzzSeed.Value}: the state changed.\nbefore:\n{before}\nafter:\n{after}\n{report.Describe(report.Accepted, "2xx answers to calls that may change something")}");
        await FuzzHubState.AssertServingAsync(hub, $"after fuzzing with seed {FuzzSeed.Value}");
    }

    [Fact]
    public async Task The_shutdown_endpoint_given_a_malformed_body_answers_without_a_500_and_stops_the_hub_cleanly()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{HubShutdown.TrimStart('/')}?%zz=%&force=1e400", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(FuzzInputs.Nest("[", "\"\\ud800\"", "]", 10_000))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus-8");

        using var response = await admin.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await FuzzEventually.TrueAsync(async () => !await FuzzCall.HealthyAsync(hub), "the hub stopped answering /healthz");
        // disposing awaits the hub's run: it throws if the hub did not stop cleanly
    }

    private static async Task<bool> FuzzAsync(InProcessHub hub, HttpClient admin, FuzzEndpoint endpoint, IReadOnlyList<FuzzProperty> fallback, FuzzReport report)
    {
        var rng = FuzzSeed.For(endpoint.ToString());
        foreach (var body in FuzzBodies.For(endpoint, fallback, rng))
        {
            if (!await FuzzCall.SendAsync(hub, admin, endpoint, FuzzRequests.Target(endpoint, rng, plain: body.TooLarge), body, report))
            {
                return false;
            }
        }

        return true;
    }
}
