using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Agent;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cyclone.Hub.Tests.Security;

/// <summary>The agent stream (gRPC) x every caller: only agent and administrator tokens may register.</summary>
public sealed class AgentStreamAccessTests
{
    [Fact]
    public async Task Only_agent_and_admin_tokens_open_the_agent_stream_others_get_the_grpc_status_that_says_why()
    {
        await using var fixture = await AccessFixture.StartAsync();
        using var anonymous = fixture.Hub.Http(null);
        var health = await anonymous.GetFromJsonAsync<JsonObject>(new Uri("healthz", UriKind.Relative));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{(int)health!["grpcPort"]!}");
        var client = new AgentHub.AgentHubClient(channel);
        var failures = new List<string>();
        foreach (var identity in fixture.Identities)
        {
            var expected = identity.Kind switch
            {
                IdentityKind.Refused => "Unauthenticated",
                IdentityKind.UserA or IdentityKind.UserB => "PermissionDenied",
                _ => "Welcome",
            };
            var got = await RegisterAsync(client, identity);
            if (!got.StartsWith(expected, StringComparison.Ordinal))
            {
                failures.Add($"{identity}: expected {expected}, got {got}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        using var admin = fixture.Hub.Http(fixture.AdminToken);
        var agents = await admin.GetStringAsync(new Uri("api/v1/agents", UriKind.Relative));
        Assert.DoesNotContain("\"probe-user", agents, StringComparison.Ordinal);
        Assert.DoesNotContain("\"probe-no", agents, StringComparison.Ordinal);
    }

    private static async Task<string> RegisterAsync(AgentHub.AgentHubClient client, AccessIdentity identity)
    {
        var headers = new Metadata();
        if (identity.Token is not null)
        {
            headers.Add("authorization", $"Bearer {identity.Token}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            using var call = client.Connect(headers, cancellationToken: timeout.Token);
            var name = $"probe-{identity.Name.Replace(' ', '-')}";
            try
            {
                await call.RequestStream.WriteAsync(new AgentMessage { Register = new Register { Name = name, Host = "test", Slots = 1 } }, timeout.Token);
            }
            catch (RpcException)
            {
                // the hub may refuse the call while the registration is still being sent: its answer says why
            }

            if (!await call.ResponseStream.MoveNext(timeout.Token))
            {
                return "the stream ended without an answer";
            }

            var answer = call.ResponseStream.Current.BodyCase.ToString();
            await call.RequestStream.CompleteAsync();
            return answer;
        }
        catch (RpcException ex)
        {
            return $"{ex.StatusCode}: {ex.Status.Detail}";
        }
    }
}
