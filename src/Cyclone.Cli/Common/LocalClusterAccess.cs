using Cyclone.Client;
using Cyclone.Core.Files;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Common;

/// <summary>
/// What <c>cyclone up</c> does so that nobody types a token on one machine: the CLI is logged in to the local hub with
/// the administrator's bootstrap token (unless it already holds a working token for it), and the local agent gets an
/// agent token, kept in <c>{data}/agent-token</c> (0600) and reused while it works.
/// </summary>
public static class LocalClusterAccess
{
    public const string AgentTokenFile = "agent-token";

    /// <summary>Logs the CLI in and answers the path of the agent's token file; throws with a message when it cannot.</summary>
    public static async Task<string> PrepareAsync(Uri hub, string dataDirectory, string agentName, TextWriter log, CancellationToken ct)
    {
        var store = new CredentialStore();
        var admin = store.Resolve(hub).Token;
        if (admin is null || !await WorksAsync(hub, admin, ct))
        {
            admin = CredentialStore.ReadToken(Path.Combine(dataDirectory, "bootstrap-token"));
            if (admin is null || !await WorksAsync(hub, admin, ct))
            {
                throw new InvalidOperationException(
                    $"cannot give the local agent a token: the CLI has no working token for {hub} and {dataDirectory}/bootstrap-token is missing or revoked; log in with: cyclone login --hub {hub}");
            }

            await store.SaveAsync(hub, admin, null, ct);
            await log.WriteLineAsync($"The CLI is logged in to {hub.AbsoluteUri.TrimEnd('/')} with the administrator's bootstrap token.");
        }

        var path = Path.Combine(dataDirectory, AgentTokenFile);
        if (CredentialStore.ReadToken(path) is { } existing && await WorksAsync(hub, existing, ct))
        {
            return path;
        }

        using var client = new CycloneClient(hub, new HubCredentials(admin, null));
        var created = await client.CreateTokenAsync(new TokenCreateRequest { Role = "agent", Name = $"agent {agentName} (cyclone up)" }, ct);
        await PrivateFile.WriteAsync(path, created.Secret + "\n", ct);
        return path;
    }

    private static async Task<bool> WorksAsync(Uri hub, string token, CancellationToken ct)
    {
        using var client = new CycloneClient(hub, new HubCredentials(token, null));
        try
        {
            await client.WhoAmIAsync(ct);
            return true;
        }
        catch (CycloneApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            return false;
        }
    }
}
