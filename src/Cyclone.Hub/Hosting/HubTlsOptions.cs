using Cyclone.Core.Parsing;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Hub.Hosting;

/// <summary>
/// The hub's TLS certificate (configuration section <c>Hub:Tls</c>). Default: none, both ports serve cleartext.
/// When <see cref="Certificate"/> is set, the REST port serves HTTPS and the agents' gRPC port gRPC over TLS.
/// </summary>
public sealed class HubTlsOptions
{
    public const string Section = "Hub:Tls";

    private const string KestrelSection = "Kestrel:Certificates:Default";

    /// <summary>
    /// Path of the certificate: a PEM file (the server certificate first, then any intermediates) or a PKCS#12
    /// file (<c>.pfx</c>, <c>.p12</c>) holding its key. Default: none (TLS off).
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>Path of the PEM private key of a PEM <see cref="Certificate"/>. Default: none (the key is in the certificate file).</summary>
    public string? Key { get; set; }

    /// <summary>Password of a PKCS#12 file or of an encrypted PEM key. Default: none. Give it through the environment, never on a command line.</summary>
    public string? Password { get; set; }

    /// <summary>True when a certificate is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Certificate);

    /// <summary>The name of the setting that holds <see cref="Certificate"/>, for messages.</summary>
    public string CertificateSetting { get; private init; } = $"{Section}:Certificate";

    /// <summary>The name of the setting that holds <see cref="Key"/>, for messages.</summary>
    public string KeySetting { get; private init; } = $"{Section}:Key";

    /// <summary>
    /// These settings; or, when they name no certificate, Kestrel's own default certificate
    /// (<c>Kestrel:Certificates:Default:Path</c>, <c>KeyPath</c>, <c>Password</c>) when that is configured.
    /// </summary>
    public HubTlsOptions OrKestrelDefault(IConfiguration configuration)
    {
        var kestrel = configuration.GetSection(KestrelSection);
        if (Enabled || string.IsNullOrWhiteSpace(kestrel["Path"]))
        {
            return this;
        }

        return new HubTlsOptions
        {
            Certificate = kestrel["Path"],
            Key = kestrel["KeyPath"],
            Password = kestrel["Password"],
            CertificateSetting = $"{KestrelSection}:Path",
            KeySetting = $"{KestrelSection}:KeyPath",
        };
    }

    /// <summary>What is wrong with the settings before any file is read as a certificate; nothing when TLS is off.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(Key))
            {
                yield return $"{KeySetting} is set but {CertificateSetting} is not; give the certificate too (--tls-cert)";
            }

            yield break;
        }

        if (!File.Exists(Certificate))
        {
            yield return $"{CertificateSetting}: no certificate file at {FullPath(Certificate!)}";
        }

        if (!string.IsNullOrWhiteSpace(Key) && !File.Exists(Key))
        {
            yield return $"{KeySetting}: no key file at {FullPath(Key)}";
        }
    }

    /// <summary>The full path for a message; a path with a NUL has none (GetFullPath throws on it).</summary>
    private static string FullPath(string path) =>
        Excerpt.Of(path.Contains('\0', StringComparison.Ordinal) ? path : Path.GetFullPath(path), 300);
}
