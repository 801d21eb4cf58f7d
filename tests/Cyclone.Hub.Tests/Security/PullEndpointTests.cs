using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Hub.Tests.Security;

/// <summary>The pull API through HTTP on a real hub: validation, who may lease what, what a stale call is told, and whose waiting tasks a user clears.</summary>
public sealed class PullEndpointTests : IAsyncLifetime
{
    private static readonly string[] BlankLabel = [""];
    private static readonly string[] TrueCommand = ["true"];

    private InProcessHub _hub = null!;
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;
    private HttpClient _agent = null!;

    public async Task InitializeAsync()
    {
        _hub = await InProcessHub.StartAsync();
        _admin = _hub.Http(_hub.AdminToken);
        foreach (var user in new[] { "alice", "bob" })
        {
            (await _admin.PostAsJsonAsync("api/v1/users", new { name = user })).EnsureSuccessStatusCode();
        }

        _alice = _hub.Http(await TokenAsync(new { user = "alice", name = "a" }));
        _bob = _hub.Http(await TokenAsync(new { user = "bob", name = "b" }));
        _agent = _hub.Http(await TokenAsync(new { role = "agent", name = "agent" }));
    }

    public async Task DisposeAsync()
    {
        foreach (var http in new[] { _admin, _alice, _bob, _agent })
        {
            http.Dispose();
        }

        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Lease_request_with_bad_fields_is_refused_naming_each_field_and_leases_nothing()
    {
        var task = await SubmitAsync(_alice);
        var (status, body) = await PostAsync(_alice, "lease", new { worker = "a:b", labels = BlankLabel, max = 0, leaseSeconds = 86_401, waitSeconds = 301 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["labels", "leaseSeconds", "max", "waitSeconds", "worker"], body["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("max must be between 1 and 1000 (is 0)", body["errors"]!["max"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("PENDING", await StateAsync(task));
    }

    [Fact]
    public async Task Reports_with_bad_fields_are_refused_naming_each_field()
    {
        var task = await SubmitAsync(_alice);
        await LeaseAsync(_alice, 1);
        var cases = new (string Path, object Body, string Field)[]
        {
            ($"{task}/fail", new { attempt = 1, exitCode = 0 }, "exitCode"),
            ($"{task}/heartbeat", new { attempt = 1, outputs = new { n = 1 } }, "outputs"),
            ($"{task}/release", new { attempt = 0 }, "attempt"),
            ($"{task}/complete", new { id = task + 1 }, "id"),
            ($"{task}/complete", new { worker = "no spaces" }, "worker"),
            ($"{task}/heartbeat", new { leaseSeconds = 0 }, "leaseSeconds"),
            ($"{task}/complete", new { message = new string('m', 4001) }, "message"),
            ("complete", new { tasks = Array.Empty<object>() }, "tasks"),
            ("complete", new { tasks = new object[] { new { attempt = 1 } } }, "tasks[0].id"),
            ("heartbeat", new { worker = "w", tasks = new object[] { new { id = task, worker = "v" } } }, "tasks[0].worker"),
        };
        foreach (var (path, request, field) in cases)
        {
            var (status, body) = await PostAsync(_alice, path, request);
            Assert.True(status == HttpStatusCode.BadRequest, $"{path} {JsonContent.Create(request).Value}: {status} {body}");
            Assert.True(body["errors"]?[field] is not null, $"{path}: no problem named {field} in {body}");
        }

        using var surrogate = await _alice.PostAsync(
            new Uri($"api/v1/tasks/{task}/complete", UriKind.Relative),
            new StringContent("""{"outputs":{"text":"\ud800"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.Contains("not valid Unicode", await surrogate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("RUNNING", await StateAsync(task));
    }

    [Fact]
    public async Task A_users_worker_leases_only_that_users_tasks_and_an_agent_token_leases_anyones()
    {
        var first = await SubmitAsync(_alice);
        Assert.Empty(await LeaseAsync(_bob, 10));
        var mine = Assert.Single(await LeaseAsync(_alice, 10))!;
        Assert.Equal((first, 1), ((long)mine["id"]!, (int)mine["attempt"]!));
        Assert.Equal(["true"], mine["command"]!.AsArray().Select(c => c!.ToString()));
        Assert.Equal(60, (int)mine["leaseSeconds"]!);

        var second = await SubmitAsync(_alice);
        Assert.Equal(second, (long)Assert.Single(await LeaseAsync(_agent, 10))!["id"]!);
        var agents = await _admin.GetStringAsync(new Uri("api/v1/agents", UriKind.Relative));
        Assert.DoesNotContain("pull:", agents, StringComparison.Ordinal); // pull workers are no agent streams
    }

    [Fact]
    public async Task Calls_on_an_attempt_the_worker_does_not_hold_are_conflicts_that_say_how_the_task_stands()
    {
        var task = await SubmitAsync(_alice);
        await LeaseAsync(_alice, 1);

        var (status, body) = await PostAsync(_bob, $"{task}/complete", new { attempt = 1 });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("is RUNNING as attempt 1 on pull:alice:alice", body["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(_alice, $"{task}/complete", new { attempt = 1, worker = "other" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(_alice, $"{task}/complete", new { attempt = 2 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(_alice, "999999/complete", new { attempt = 1 })).Status);

        var (done, result) = await PostAsync(_alice, $"{task}/complete", new { attempt = 1, outputs = new { n = 3 } });
        Assert.Equal((HttpStatusCode.OK, "COMPLETED"), (done, result["state"]!.ToString()));
        var (again, ended) = await PostAsync(_alice, $"{task}/heartbeat", new { attempt = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("has ended: it is COMPLETED", ended["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batched_reports_answer_each_task_on_its_own()
    {
        var held = await SubmitAsync(_alice);
        var other = await SubmitAsync(_bob);
        await LeaseAsync(_alice, 1);
        await LeaseAsync(_bob, 1);

        var (status, body) = await PostAsync(_alice, "complete", new { tasks = new object[] { new { id = held, attempt = 1 }, new { id = other, attempt = 1 }, new { id = 999_999 } } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([200, 409, 404], body["results"]!.AsArray().Select(r => (int)r!["status"]!));
        Assert.Equal("COMPLETED", await StateAsync(held));
        Assert.Equal("RUNNING", await StateAsync(other));
    }

    [Fact]
    public async Task Long_poll_answers_once_a_task_is_submitted_and_empty_when_the_wait_is_over()
    {
        Assert.Empty(await LeaseAsync(_alice, 1, waitSeconds: 1));
        var waiting = LeaseAsync(_alice, 1, waitSeconds: 300);
        var task = await SubmitAsync(_alice);
        var leased = Assert.Single(await waiting.WaitAsync(TimeSpan.FromSeconds(60)))!;
        Assert.Equal(task, (long)leased["id"]!);
    }

    [Fact]
    public async Task Agents_may_not_take_a_name_kept_for_pull_workers()
    {
        using var response = await _agent.PostAsJsonAsync("api/v1/runners/register", new { name = "pull:alice:alice", slots = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kept for pull workers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_clearing_the_queue_cancels_only_that_users_waiting_tasks()
    {
        var held = await SubmitAsync(_alice);
        await LeaseAsync(_alice, 1);
        var waiting = await SubmitAsync(_alice);
        var others = await SubmitAsync(_bob);

        using var clear = await _alice.PostAsync(new Uri("api/v1/queue/clear", UriKind.Relative), null);
        var body = JsonNode.Parse(await clear.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
        Assert.Equal(1, (int)body["count"]!);
        Assert.Equal(("RUNNING", "CANCELLED", "PENDING"), (await StateAsync(held), await StateAsync(waiting), await StateAsync(others)));
    }

    private async Task<string> TokenAsync(object request)
    {
        using var response = await _admin.PostAsJsonAsync("api/v1/tokens", request);
        return JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["secret"]!.ToString();
    }

    private static async Task<long> SubmitAsync(HttpClient user)
    {
        using var response = await user.PostAsJsonAsync("api/v1/jobs", new { command = TrueCommand });
        return (long)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["taskIds"]![0]!;
    }

    private async Task<string> StateAsync(long taskId)
    {
        var page = JsonNode.Parse(await _admin.GetStringAsync(new Uri("api/v1/tasks?limit=1000", UriKind.Relative)))!;
        return page["items"]!.AsArray().Single(t => (long)t!["id"]! == taskId)!["state"]!.ToString();
    }

    private static async Task<JsonArray> LeaseAsync(HttpClient user, int max, int waitSeconds = 0)
    {
        var (status, body) = await PostAsync(user, "lease", new { max, waitSeconds });
        Assert.True(status == HttpStatusCode.OK, $"lease: {status} {body}");
        return body["tasks"]!.AsArray();
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient user, string path, object body)
    {
        using var response = await user.PostAsJsonAsync(new Uri($"api/v1/tasks/{path}", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }
}
