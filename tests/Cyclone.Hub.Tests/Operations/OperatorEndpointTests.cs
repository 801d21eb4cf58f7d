using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Hub.Tests.Security;

namespace Cyclone.Hub.Tests.Operations;

/// <summary>The retry, agent and queue-class routes on a real hub: what they answer, and that bad requests change nothing.</summary>
public sealed partial class OperatorEndpointTests
{
    private static readonly string[] TrueCommand = ["true"];
    private static readonly string[] Gpu = ["gpu"];
    private static readonly string[] GpuOld = ["gpu-old"];

    [Fact]
    public async Task Retrying_a_cancelled_job_puts_its_task_back_in_the_queue()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var id = await SubmitAsync(admin, new { command = TrueCommand });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Path($"api/v1/jobs/{id}/cancel"), null)).StatusCode);

        using var retry = await admin.PostAsync(Path($"api/v1/jobs/{id}/retry"), null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var job = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!;
        Assert.Equal("PENDING", (string?)job["state"]);
        Assert.Equal("PENDING", (string?)job["tasks"]![0]!["state"]);
    }

    [Fact]
    public async Task Retrying_a_job_still_running_or_without_failures_or_unknown_is_refused_with_a_problem_and_changes_nothing()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var pending = await SubmitAsync(admin, new { command = TrueCommand });
        await ExpectProblemAsync(admin, $"api/v1/jobs/{pending}/retry", HttpStatusCode.Conflict, "is PENDING");
        Assert.Equal("PENDING", await StateAsync(admin, pending));

        await ExpectProblemAsync(admin, "api/v1/jobs/987654/retry", HttpStatusCode.NotFound, "there is no job 987654");
    }

    [Fact]
    public async Task Two_retries_of_one_job_at_once_put_its_tasks_back_once_and_the_second_is_refused()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var id = await SubmitAsync(admin, new { command = TrueCommand });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Path($"api/v1/jobs/{id}/cancel"), null)).StatusCode);

        var both = await Task.WhenAll(admin.PostAsync(Path($"api/v1/jobs/{id}/retry"), null), admin.PostAsync(Path($"api/v1/jobs/{id}/retry"), null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        Assert.Contains("is PENDING", await both.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var response in both)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Another_user_may_not_retry_a_job()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Path("api/v1/users"), new { name = "bob" })).StatusCode);
        using var created = await admin.PostAsJsonAsync(Path("api/v1/tokens"), new { user = "bob", name = "b" });
        var bobToken = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!;
        var id = await SubmitAsync(admin, new { command = TrueCommand });
        await admin.PostAsync(Path($"api/v1/jobs/{id}/cancel"), null);

        using var bob = hub.Http(bobToken);
        await ExpectProblemAsync(bob, $"api/v1/jobs/{id}/retry", HttpStatusCode.Forbidden, "only its owner or an administrator may retry it");
        Assert.Equal("CANCELLED", await StateAsync(admin, id));
    }

    [Fact]
    public async Task Jobs_are_found_by_a_label_their_tasks_ask_for()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var gpu = await SubmitAsync(admin, new { command = TrueCommand, labels = Gpu, name = "trainer" });
        await SubmitAsync(admin, new { command = TrueCommand, labels = GpuOld, name = "other" });
        await SubmitAsync(admin, new { command = TrueCommand, name = "plain" });

        var page = JsonNode.Parse(await admin.GetStringAsync(Path("api/v1/jobs?q=label:gpu")))!;
        var only = Assert.Single(page["items"]!.AsArray());
        Assert.Equal(gpu, (long)only!["id"]!);
        Assert.Equal(1, (long)page["total"]!);
    }

    [Fact]
    public async Task Queue_classes_count_waiting_tasks_by_what_they_ask_for()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        await SubmitAsync(admin, new { command = TrueCommand, labels = Gpu, cpusPerProc = 2 });
        await SubmitAsync(admin, new { command = TrueCommand, labels = Gpu, cpusPerProc = 2 });

        var classes = JsonNode.Parse(await admin.GetStringAsync(Path("api/v1/queue/classes")))!.AsArray();
        var only = Assert.Single(classes)!;
        Assert.Equal("2 slots [gpu]", (string?)only["class"]);
        Assert.Equal(2, (int)only["pending"]!);
    }

    private static Uri Path(string path) => new(path, UriKind.Relative);

    private static async Task<long> SubmitAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync(Path("api/v1/jobs"), body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["jobId"]!;
    }

    private static async Task<string?> StateAsync(HttpClient http, long id) =>
        (string?)JsonNode.Parse(await http.GetStringAsync(Path($"api/v1/jobs/{id}")))!["state"];

    private static async Task ExpectProblemAsync(HttpClient http, string path, HttpStatusCode status, string detail)
    {
        using var response = await http.PostAsync(Path(path), null);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
    }
}
