using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cyclone.Client;
using Cyclone.Core.Files;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Common;

/// <summary>
/// What <c>cyclone up</c> does so that nobody types a token on one machine: the CLI is logged in to the local hub with
/// the administrator's bootstrap token (unless it already holds a working token for it), and the local agent gets an
/// agent token, kept in <c>{data}/agent-token</c> (0600) and reused while it works. When the hub serves TLS, both
/// trust the CA that <see cref="TrustedCaFile"/> picks, and the CLI keeps it with its token.
/// </summary>
public static class LocalClusterAccess
{
    public const string AgentTokenFile = "agent-token";

    /// <summary>
    /// The CA file the CLI and the local agent trust for the hub: <paramref name="ca"/> (<c>--ca</c> or env <c>CYCLONE_CA</c>)
    /// when given; else the hub's <paramref name="certificate"/> itself when it is a self-signed PEM certificate; else none
    /// (the system's trusted roots).
    /// </summary>
    public static string? TrustedCaFile(string? ca, string? certificate)
    {
        if (!string.IsNullOrWhiteSpace(ca))
        {
            return Path.GetFullPath(ca);
        }

        if (certificate is null)
        {
            return null;
        }

        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPemFile(certificate);
            return all.Count > 0 && all[0].SubjectName.RawData.AsSpan().SequenceEqual(all[0].IssuerName.RawData) ? certificate : null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null; // not PEM, or unreadable: the hub itself says what is wrong with it
        }
        finally
        {
            foreach (var loaded in all)
            {
                loaded.Dispose();
            }
        }
    }

    /// <summary>
    /// Logs the CLI in (trusting <paramref name="caFile"/> when given) and answers the path of the agent's token file;
    /// throws with a message when it cannot.
    /// </summary>
    public static async Task<string> PrepareAsync(Uri hub, string dataDirectory, string agentName, string? caFile, TextWriter log, CancellationToken ct)
    {
        var store = new CredentialStore();
        var resolved = store.Resolve(hub);
        caFile ??= resolved.CaFile;
        var admin = resolved.Token;
        if (admin is null || !await WorksAsync(hub, admin, caFile, ct))
        {
            admin = CredentialStore.ReadToken(Path.Combine(dataDirectory, "bootstrap-token"));
            if (admin is null || !await WorksAsync(hub, admin, caFile, ct))
            {
                throw new InvalidOperationException(
                    $"cannot give the local agent a token: the CLI has no working token for {hub} and {dataDirectory}/bootstrap-token is missing or revoked; log in with: cyclone login --hub {hub}");
            }

            await store.SaveAsync(hub, admin, caFile, ct);
            await log.WriteLineAsync($"The CLI is logged in to {hub.AbsoluteUri.TrimEnd('/')} with the administrator's bootstrap token.");
        }
        else if (caFile is not null && caFile != resolved.CaFile)
        {
            await store.SaveAsync(hub, admin, caFile, ct); // keep the CA the hub is now trusted with next to the token
        }

        var path = Path.Combine(dataDirectory, AgentTokenFile);
        if (CredentialStore.ReadToken(path) is { } existing && await WorksAsync(hub, existing, caFile, ct))
        {
            return path;
        }

        using var client = new CycloneClient(hub, new HubCredentials(admin, caFile));
        var created = await client.CreateTokenAsync(new TokenCreateRequest { Role = "agent", Name = $"agent {agentName} (cyclone up)" }, ct);
        await PrivateFile.WriteAsync(path, created.Secret + "\n", ct);
        return path;
    }

    private static async Task<bool> WorksAsync(Uri hub, string token, string? caFile, CancellationToken ct)
    {
        using var client = new CycloneClient(hub, new HubCredentials(token, caFile));
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
