using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Agent;
using Grpc.Core;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// The agent stream (gRPC) under malformed registrations, callers without an agent token, and messages over the size
/// limit: each is refused on its own stream, nobody refused is ever listed, and the hub serves on.
/// </summary>
public sealed class FuzzAgentStreamTests
{
    private const int RandomRegistrations = 40;

    [Fact]
    public async Task Malformed_registrations_are_rejected_and_no_rejected_agent_is_ever_listed()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var token = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        var wrong = new List<string>();
        var sent = 0;
        foreach (var (what, first) in FuzzAgentMessages.Rejectable(FuzzSeed.For("agent registrations"), RandomRegistrations))
        {
            sent++;
            await using var stream = await FuzzAgentStream.OpenAsync(hub, $"Bearer {token}");
            try
            {
                await stream.SendAsync(first);
                var answer = await stream.NextAsync();
                if (answer?.BodyCase != HubMessage.BodyOneofCase.Rejected)
                {
                    wrong.Add($"{what}: answered {answer?.BodyCase.ToString() ?? "nothing"}");
                }
                else if (await stream.NextAsync() is { } more)
                {
                    wrong.Add($"{what}: the stream stayed open after Rejected ({more.BodyCase})");
                }
            }
            catch (RpcException ex)
            {
                wrong.Add($"{what}: the call failed with {ex.StatusCode}: {ex.Status.Detail}");
            }
        }

        Assert.True(wrong.Count == 0, $"seed {FuzzSeed.Value}: {wrong.Count} of {sent} malformed first messages were not rejected:\n{string.Join('\n', wrong)}");
        await AssertNoAgentListedAsync(admin);
        await FuzzHubState.AssertServingAsync(hub, $"after {sent} malformed registrations");
    }

    [Fact]
    public async Task Streams_without_an_agent_token_are_refused_with_the_status_that_says_why()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        using (var user = await admin.PostAsJsonAsync("api/v1/users", new { name = "fuzz-user" }))
        {
            Assert.True(user.IsSuccessStatusCode, await user.Content.ReadAsStringAsync());
        }

        var userToken = await FuzzHubState.TokenAsync(admin, new { user = "fuzz-user", name = "not an agent" });
        var agentToken = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        var rng = FuzzSeed.For("agent stream tokens");
        (string? Authorization, StatusCode Expected)[] cases =
        [
            (null, StatusCode.Unauthenticated),
            ($"Bearer {userToken}", StatusCode.PermissionDenied),
            ("Bearer", StatusCode.Unauthenticated),
            ("Bearer ", StatusCode.Unauthenticated),
            ("Basic YWRtaW46YWRtaW4=", StatusCode.Unauthenticated),
            ($"Bearer cyc_{rng.NextInt64():x16}{rng.NextInt64():x16}", StatusCode.Unauthenticated),
            ($"Bearer {agentToken}x", StatusCode.Unauthenticated),
            ($"Bearer {agentToken[..^1]}", StatusCode.Unauthenticated),
            ($"Bearer {new string('x', 10_000)}", StatusCode.Unauthenticated),
            ($"Bearer {agentToken} {agentToken}", StatusCode.Unauthenticated),
            ($"{agentToken}", StatusCode.Unauthenticated),
        ];
        var wrong = new List<string>();
        foreach (var (authorization, expected) in cases)
        {
            await using var stream = await FuzzAgentStream.OpenAsync(hub, authorization);
            string got;
            try
            {
                await stream.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("fz-no-agent-token") });
            }
            catch (RpcException)
            {
                // the refusal can end the call while the message is still being sent; the answer below says why
            }

            try
            {
                got = (await stream.NextAsync())?.BodyCase.ToString() ?? "nothing";
            }
            catch (RpcException ex)
            {
                got = ex.StatusCode.ToString();
            }

            if (got != expected.ToString())
            {
                wrong.Add($"{FuzzReport.Shorten(authorization ?? "(no authorization)", 60)}: expected {expected}, got {got}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        await AssertNoAgentListedAsync(admin);
        await FuzzHubState.AssertServingAsync(hub, "after streams without an agent token");
    }

    [Fact]
    public async Task A_message_over_the_size_limit_ends_only_its_own_stream()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var token = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        StatusCode? ended = null;
        await using (var stream = await FuzzAgentStream.OpenAsync(hub, $"Bearer {token}"))
        {
            await stream.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("fz-big") });
            await stream.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering");
            var output = new OutputBatch();
            output.Chunks.Add(new OutputChunk { TaskId = 1, Attempt = 1, Data = Google.Protobuf.ByteString.CopyFrom(new byte[20 << 20]) });
            try
            {
                await stream.SendAsync(new AgentMessage { Output = output });
                while (await stream.NextAsync() is not null)
                {
                    // acks and the like, until the hub ends the call
                }
            }
            catch (RpcException ex)
            {
                ended = ex.StatusCode;
            }
        }

        Assert.True(ended is StatusCode.ResourceExhausted or StatusCode.Cancelled, $"a 20 MB message ended the call with {ended?.ToString() ?? "no error"}");
        await FuzzHubState.AssertServingAsync(hub, "after a 20 MB message");
        await using var again = await FuzzAgentStream.OpenAsync(hub, $"Bearer {token}");
        await again.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("fz-big") });
        await again.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering again after the oversize message");
    }

    internal static async Task AssertNoAgentListedAsync(HttpClient admin)
    {
        var agents = await admin.GetStringAsync(new Uri("api/v1/agents", UriKind.Relative));
        Assert.True(JsonNode.Parse(agents)!.AsArray().Count == 0, $"agents were listed though every registration was refused: {FuzzReport.Shorten(agents, 2000)}");
    }
}
