using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Cyclone.Hub.Hosting;

/// <summary>
/// The hub's TLS certificate with its private key and intermediates, loaded once at start from <see cref="HubTlsOptions"/>:
/// a PEM chain (key in <see cref="HubTlsOptions.Key"/> or in the same file) or a PKCS#12 file.
/// </summary>
public sealed class HubCertificate : IDisposable
{
    private HubCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates)
    {
        Certificate = certificate;
        Intermediates = intermediates;
    }

    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates after the server's own in the file, sent along so that clients can build the chain.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>
    /// Loads the certificate of <paramref name="tls"/> (which must be <see cref="HubTlsOptions.Enabled"/>); on failure adds
    /// a message naming the setting to <paramref name="problems"/> and answers null. Never puts the password in a message.
    /// </summary>
    public static HubCertificate? Load(HubTlsOptions tls, ICollection<string> problems)
    {
        var path = Path.GetFullPath(tls.Certificate ?? throw new ArgumentException("TLS is not configured", nameof(tls)));
        var what = "";
        HubCertificate? loaded = null;
        try
        {
            var pem = IsPem(path);
            what = pem ? string.IsNullOrWhiteSpace(tls.Key) ? "as PEM" : $"as PEM with the key {Path.GetFullPath(tls.Key)}" : "as PKCS#12 (it is not PEM)";
            loaded = pem ? LoadPem(path, tls, problems) : LoadPkcs12(path, tls, problems);
        }
        catch (CryptographicException ex)
        {
            problems.Add($"{tls.CertificateSetting}: cannot load {path} {what}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            var key = string.IsNullOrWhiteSpace(tls.Key) ? path : Path.GetFullPath(tls.Key);
            problems.Add($"{tls.KeySetting}: the key in {key} does not belong to the certificate in {path} ({ex.Message})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{tls.CertificateSetting}: cannot read {path}: {ex.Message}");
        }

        if (loaded is not null && !loaded.Certificate.HasPrivateKey)
        {
            problems.Add($"{tls.CertificateSetting}: {path} holds no private key for the certificate");
            loaded.Dispose();
            return null;
        }

        return loaded;
    }

    /// <summary>Makes <paramref name="listen"/> serve TLS with this certificate.</summary>
    public void Serve(ListenOptions listen) =>
        listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = Certificate, ServerCertificateChain = Intermediates });

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[4096];
        var read = reader.ReadBlock(start);
        return new string(start, 0, read).Contains("-----BEGIN ", StringComparison.Ordinal);
    }

    private static HubCertificate? LoadPem(string path, HubTlsOptions tls, ICollection<string> problems)
    {
        var keyPath = string.IsNullOrWhiteSpace(tls.Key) ? path : Path.GetFullPath(tls.Key);
        var keyText = File.ReadAllText(keyPath);
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            problems.Add(keyPath == path
                ? $"{tls.CertificateSetting}: {path} holds no private key; give the key file with {tls.KeySetting} (--tls-key)"
                : $"{tls.KeySetting}: {keyPath} holds no PEM private key");
            return null;
        }

        var encrypted = keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && string.IsNullOrEmpty(tls.Password))
        {
            problems.Add($"{tls.KeySetting}: the key in {keyPath} is encrypted; give its password in {HubTlsOptions.Section}:Password (env CYCLONE_Hub__Tls__Password)");
            return null;
        }

        var certificate = encrypted
            ? X509Certificate2.CreateFromEncryptedPemFile(path, tls.Password, keyPath)
            : X509Certificate2.CreateFromPemFile(path, keyPath);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(path);
        var intermediates = new X509Certificate2Collection();
        foreach (var other in all)
        {
            if (other.Thumbprint == certificate.Thumbprint)
            {
                other.Dispose();
            }
            else
            {
                intermediates.Add(other);
            }
        }

        return new HubCertificate(certificate, intermediates);
    }

    private static HubCertificate? LoadPkcs12(string path, HubTlsOptions tls, ICollection<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(tls.Key))
        {
            problems.Add($"{tls.KeySetting} is only for a PEM certificate; {path} is PKCS#12 and holds its own key");
            return null;
        }

        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, tls.Password);
        var certificate = all.FirstOrDefault(c => c.HasPrivateKey) ?? all.FirstOrDefault()
            ?? throw new CryptographicException("the file holds no certificate");
        var intermediates = new X509Certificate2Collection();
        foreach (var other in all)
        {
            if (!ReferenceEquals(other, certificate))
            {
                intermediates.Add(other);
            }
        }

        return new HubCertificate(certificate, intermediates);
    }
}
