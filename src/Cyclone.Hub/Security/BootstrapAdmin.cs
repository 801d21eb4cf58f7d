namespace Cyclone.Hub.Security;

/// <summary>
/// On a hub's first start (no users yet) creates the administrator <c>admin</c> with a token, prints the token once,
/// and writes it to <c>{data}/bootstrap-token</c>, readable only by the hub's owner, where <c>cyclone up</c> finds it.
/// </summary>
public static class BootstrapAdmin
{
    public const string UserName = "admin";

    public const string FileName = "bootstrap-token";

    /// <summary>Creates the administrator when there are no users; answers whether it did.</summary>
    public static async Task<bool> EnsureAsync(TokenRegistry registry, string dataDirectory, TextWriter console, CancellationToken ct)
    {
        if (registry.Users().Count > 0)
        {
            return false;
        }

        await registry.AddUserAsync(UserName, isAdmin: true, by: "hub", ct);
        var token = await registry.CreateTokenAsync(UserName, "bootstrap", AccessRole.User, null, "hub", ct);
        var path = Path.Combine(dataDirectory, FileName);
        await Cyclone.Core.Files.PrivateFile.WriteAsync(path, token.Secret + "\n", ct);
        await console.WriteLineAsync(
            $"""
            Cyclone: created administrator '{UserName}'. Its token is shown this once:

                {token.Secret}

            It is also in {path} (readable only by you). Use it with: cyclone login --hub URL
            """);
        await console.FlushAsync(ct);
        return true;
    }
}
