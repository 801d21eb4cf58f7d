using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Cyclone.Client;

/// <summary>
/// How clients (CLI, agents) check a hub's TLS certificate: against the system's trusted roots, or, when a CA file
/// (PEM, one or more certificates) is given, against that CA alone, as for a private cluster CA.
/// </summary>
public static class HubTrust
{
    /// <summary>Environment variable naming a CA file to trust for every hub.</summary>
    public const string CaVariable = "CYCLONE_CA";

    /// <summary>A handler for HTTP/1.1 and HTTP/2 (gRPC) calls that trusts <paramref name="caFile"/> when given.</summary>
    public static SocketsHttpHandler CreateHandler(string? caFile, TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler();
        if (connectTimeout is { } timeout)
        {
            handler.ConnectTimeout = timeout;
        }

        if (!string.IsNullOrWhiteSpace(caFile))
        {
            var roots = LoadCertificates(caFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots),
            };
        }

        return handler;
    }

    /// <summary>The certificates in a PEM file; a clear error when there is none or the file cannot be read.</summary>
    public static X509Certificate2Collection LoadCertificates(string caFile)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"cannot read the CA file {caFile}: {ex.Message}", nameof(caFile), ex);
        }

        return roots.Count > 0 ? roots : throw new ArgumentException($"the CA file {caFile} holds no PEM certificate", nameof(caFile));
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
