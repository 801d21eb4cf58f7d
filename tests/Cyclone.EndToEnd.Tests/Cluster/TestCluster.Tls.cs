using Cyclone.Client;

namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>A cluster whose hub serves TLS: its clients, agents and CLI commands trust the CA it was given.</summary>
internal sealed partial class TestCluster
{
    /// <summary>Extra arguments of <c>cyclone hub</c>.</summary>
    public List<string> HubArguments { get; } = [];

    /// <summary>The PEM CA file every client of this cluster trusts (env CYCLONE_CA for processes); null while the hub is cleartext.</summary>
    public string? CaFile { get; private set; }

    /// <summary>Makes the hub serve TLS with <paramref name="certificate"/> and <paramref name="key"/>; call before it starts.</summary>
    public void UseTls(string certificate, string key, string caFile)
    {
        HubArguments.AddRange(["--tls-cert", certificate, "--tls-key", key]);
        CaFile = caFile;
        HubUrl = $"https://127.0.0.1:{Port}";
    }

    private void TrustCa(Dictionary<string, string> environment)
    {
        if (CaFile is not null)
        {
            environment[HubTrust.CaVariable] = CaFile;
        }
    }
}
