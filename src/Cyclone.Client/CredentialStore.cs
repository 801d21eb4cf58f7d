using System.Globalization;
using Cyclone.Core.Files;

namespace Cyclone.Client;

/// <summary>
/// Tokens the CLI keeps per hub, as <c>gh auth login</c> and <c>docker login</c> do: one directory per hub under
/// <c>$XDG_CONFIG_HOME/cyclone/hubs</c> (or <c>~/.config/cyclone/hubs</c>), mode 0700, holding <c>token</c> (0600) and,
/// when a private CA was given at login, <c>ca.pem</c>. <c>CYCLONE_TOKEN</c> and <c>CYCLONE_CA</c> override both.
/// </summary>
public sealed class CredentialStore
{
    public const string TokenVariable = "CYCLONE_TOKEN";

    public CredentialStore(string? root = null)
    {
        Root = root ?? DefaultRoot();
    }

    /// <summary>The directory that holds one directory per hub.</summary>
    public string Root { get; }

    public static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var config = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "cyclone", "hubs");
    }

    /// <summary>The directory of one hub: its scheme, host and port (<c>http_127.0.0.1_5080</c>).</summary>
    public string DirectoryOf(Uri hub) =>
        Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{hub.Scheme}_{hub.Host}_{hub.Port}"));

    /// <summary>What to present to <paramref name="hub"/>: the environment first, then what <c>login</c> stored.</summary>
    public HubCredentials Resolve(Uri hub)
    {
        var directory = DirectoryOf(hub);
        var token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } env ? env.Trim() : ReadToken(Path.Combine(directory, "token"));
        var storedCa = Path.Combine(directory, "ca.pem");
        var ca = Environment.GetEnvironmentVariable(HubTrust.CaVariable) is { Length: > 0 } caEnv ? caEnv : File.Exists(storedCa) ? storedCa : null;
        return new HubCredentials(token, ca);
    }

    /// <summary>Stores a token (and a copy of the CA file, when given) for <paramref name="hub"/>, readable only by the user.</summary>
    public async Task SaveAsync(Uri hub, string token, string? caFile, CancellationToken ct)
    {
        var directory = DirectoryOf(hub);
        PrivateFile.CreateDirectory(Root);
        PrivateFile.CreateDirectory(directory);
        await PrivateFile.WriteAsync(Path.Combine(directory, "token"), token.Trim() + "\n", ct);
        if (caFile is not null)
        {
            await PrivateFile.WriteAsync(Path.Combine(directory, "ca.pem"), await File.ReadAllTextAsync(caFile, ct), ct);
        }
    }

    /// <summary>Forgets what is stored for <paramref name="hub"/>; false when nothing was.</summary>
    public bool Remove(Uri hub)
    {
        var directory = DirectoryOf(hub);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        Directory.Delete(directory, recursive: true);
        return true;
    }

    /// <summary>Reads a token file (the first line, trimmed); null when there is none.</summary>
    public static string? ReadToken(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 ? null : text.Split('\n')[0].Trim();
    }
}
