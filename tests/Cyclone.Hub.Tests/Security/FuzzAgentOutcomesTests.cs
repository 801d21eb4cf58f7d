using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Agent;
using Grpc.Core;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// What a registered agent sends on its stream: garbage about tasks that do not exist, and outputs of a task it did
/// run that are not a JSON object. The scheduler loop must go on, nothing may change that should not, and the run
/// must stay readable.
/// </summary>
public sealed class FuzzAgentOutcomesTests
{
    private const int GarbageMessages = 300;

    private const string Workflow = """
        { "nodes": [ { "name": "produce", "command": ["true"], "outputs": { "n": "integer" } },
                     { "name": "square", "task": "math.Power", "inputs": { "exponent": 2 } } ],
          "edges": [ { "from": "produce", "output": "n", "to": "square", "input": "base" } ] }
        """;

    [Fact]
    public async Task Garbage_after_a_valid_registration_is_ignored_and_the_hub_serves_on()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        await FuzzHubState.SeedAsync(admin);
        var token = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        var before = await FuzzHubState.SnapshotAsync(admin, withAgents: false);
        var rng = FuzzSeed.For("agent garbage");
        await using var stream = await FuzzAgentStream.OpenAsync(hub, $"Bearer {token}");
        await stream.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("fz-garbage") });
        await stream.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering");
        for (var i = 0; i < GarbageMessages; i++)
        {
            var message = FuzzAgentMessages.Garbage(rng);
            try
            {
                await stream.SendAsync(message);
            }
            catch (RpcException ex)
            {
                Assert.Fail($"seed {FuzzSeed.Value}: the stream failed at garbage message {i} ({FuzzReport.Shorten(message.ToString(), 500)}): {ex.Status}");
            }
        }

        // the hub handles a stream's messages in order: once it has seen Leaving, it has seen all the garbage
        await stream.SendAsync(new AgentMessage { Leaving = new Leaving { HandBack = true } });
        await FuzzEventually.TrueAsync(async () => await AgentStateAsync(admin, "fz-garbage") == "DRAINING", "the hub has handled every message up to Leaving");
        using (var clear = await admin.PostAsync(new Uri("api/v1/queue/clear", UriKind.Relative), null))
        {
            Assert.True(clear.StatusCode == HttpStatusCode.OK, $"the scheduler loop did not answer: {(int)clear.StatusCode}");
        }

        Assert.Equal(before, await FuzzHubState.SnapshotAsync(admin, withAgents: false));
        await FuzzHubState.AssertServingAsync(hub, $"after {GarbageMessages} garbage messages (seed {FuzzSeed.Value})");
    }

    [Theory]
    [InlineData("not JSON")]
    [InlineData("10,000 levels deep")]
    public async Task Outputs_an_agent_reports_that_cannot_be_read_fail_the_task_and_break_nothing(string what)
    {
        var outputs = what == "not JSON" ? "{\"n\": 4" : FuzzInputs.Nest("{\"n\":", "4", "}", 10_000);
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var token = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        using (var put = await admin.PutAsync(new Uri("api/v1/workflows/fz-outputs?format=native", UriKind.Relative), new StringContent(Workflow, Encoding.UTF8, "application/json")))
        {
            Assert.True(put.StatusCode == HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
        }

        await using var stream = await FuzzAgentStream.OpenAsync(hub, $"Bearer {token}");
        await stream.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("fz-worker") });
        await stream.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering");
        long run;
        using (var started = await admin.PostAsync(new Uri("api/v1/workflows/fz-outputs/runs", UriKind.Relative), null))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
            run = (long)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["runId"]!;
        }

        await stream.SendAsync(new AgentMessage { Ask = new Ask() });
        var lease = (await stream.ExpectAsync(HubMessage.BodyOneofCase.Leases, "waiting for the lease of produce")).Leases.Leases[0];
        var outcome = new OutcomeBatch();
        outcome.Outcomes.Add(new Outcome
        {
            Attempt = new AttemptRef { TaskId = lease.TaskId, Attempt = lease.Attempt, NodeIndex = lease.NodeIndex },
            Kind = OutcomeKind.Exited, ExitCode = 0, Seq = 1, OutputsJson = outputs,
        });
        await stream.SendAsync(new AgentMessage { Outcomes = outcome });
        await stream.ExpectAsync(HubMessage.BodyOneofCase.Ack, "waiting for the outcome to be acknowledged");
        await stream.SendAsync(new AgentMessage { Ask = new Ask() });

        using var job = await admin.GetAsync(new Uri($"api/v1/jobs/{run}", UriKind.Relative));
        var text = await job.Content.ReadAsStringAsync();
        Assert.True(job.StatusCode == HttpStatusCode.OK, $"outputs {what}: reading the run answered {(int)job.StatusCode}: {FuzzReport.Shorten(text, 500)}");
        var produce = JsonNode.Parse(text)!["tasks"]!.AsArray().Single(t => (string?)t!["name"] == "produce")!;
        Assert.True((string?)produce["state"] == "FAILED" && produce["outputs"] is null, $"outputs {what}: produce is {produce.ToJsonString()}");
        using (var runStatus = await admin.GetAsync(new Uri($"api/v1/runs/{run}", UriKind.Relative)))
        {
            Assert.True(runStatus.StatusCode == HttpStatusCode.OK, $"outputs {what}: GET /runs/{run} answered {(int)runStatus.StatusCode}");
        }

        await FuzzHubState.AssertServingAsync(hub, $"after outputs {what}");
    }

    private static async Task<string?> AgentStateAsync(HttpClient admin, string name)
    {
        string agents;
        try
        {
            agents = await admin.GetStringAsync(new Uri("api/v1/agents", UriKind.Relative));
        }
        catch (HttpRequestException ex)
        {
            Assert.Fail($"the hub stopped answering: {ex.Message}");
            throw;
        }

        return (string?)JsonNode.Parse(agents)!.AsArray().FirstOrDefault(a => (string?)a!["name"] == name)?["state"];
    }
}
