using System.Net;
using System.Text;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// JSON nulls where the hub expects strings (inside lists and maps, which the serializer lets through): each body is
/// otherwise well formed, so only the hub's own checks stand between it and the store. Every one must be refused
/// with a 400 problem, and nothing may change.
/// </summary>
public sealed class FuzzNullsTests
{
    private static readonly (string Method, string Path, string Body)[] Cases =
    [
        ("POST", "api/v1/jobs", """{"command":["true",null]}"""),
        ("POST", "api/v1/jobs", """{"command":["true"],"environment":{"A":null}}"""),
        ("PUT", "api/v1/kinds/fz.nulls", """{"command":[null]}"""),
        ("PUT", "api/v1/kinds/fz.nulls", """{"command":["echo",null,"{a}"],"inputs":{"a":"string"}}"""),
        ("PUT", "api/v1/kinds/fz.nulls", """{"command":["echo","{a}"],"inputs":{"a":null}}"""),
        ("PUT", "api/v1/kinds/fz.nulls", """{"taskClass":"Fz.Task","outputs":{"r":null}}"""),
        ("POST", "api/v1/runners/register", """{"name":"fz-nulls","slots":1,"labels":[null]}"""),
        ("POST", "api/v1/events/push", """{"name":null,"data":null}"""),
        ("POST", "api/v1/timers/start", """{"in":null,"every":null,"cron":null,"event":"fz.nulls"}"""),
        ("POST", "api/v1/users", """{"name":null}"""),
        ("PUT", "api/v1/workflows/fz-nulls?format=native", """{"nodes":[null]}"""),
        ("PUT", "api/v1/workflows/fz-nulls?format=native", """{"nodes":[{"name":"a","command":["true",null]}]}"""),
        ("PUT", "api/v1/workflows/fz-nulls?format=native", """{"nodes":[{"name":"a","command":["true"],"env":{"A":null}}]}"""),
        ("PUT", "api/v1/workflows/fz-nulls?format=native", """{"nodes":[{"name":"a","command":["true"],"labels":[null]}]}"""),
        ("PUT", "api/v1/workflows/fz-nulls?format=native", """{"nodes":[{"name":null,"command":["true"]}]}"""),
    ];

    [Fact]
    public async Task Nulls_where_strings_belong_are_refused_with_a_problem_and_change_nothing()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        await FuzzHubState.SeedAsync(admin);
        var before = await FuzzHubState.SnapshotAsync(admin);
        var wrong = new List<string>();
        foreach (var (method, path, body) in Cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = await admin.SendAsync(request);
            var type = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != HttpStatusCode.BadRequest || type != "application/problem+json")
            {
                wrong.Add($"{method} /{path} {body}: {(int)response.StatusCode} {type}: {FuzzReport.Shorten(await response.Content.ReadAsStringAsync(), 300)}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} bodies with nulls were not refused with a 400 problem:\n{string.Join('\n', wrong)}");
        Assert.Equal(before, await FuzzHubState.SnapshotAsync(admin));
        await FuzzHubState.AssertServingAsync(hub, "after the bodies with nulls");
    }
}
