using System.Security.Cryptography.X509Certificates;
using Cyclone.Hub.Hosting;
using Cyclone.Tests.Shared;

namespace Cyclone.Hub.Tests.Tls;

public sealed class HubCertificateTests : IDisposable
{
    private const string Password = "s3cret-Pa55";

    private readonly string _directory = Directory.CreateTempSubdirectory("cyclone-tls-").FullName;
    private readonly X509Certificate2 _ca = TestCertificates.CreateCa();
    private readonly X509Certificate2 _server;
    private readonly List<string> _problems = [];

    public HubCertificateTests()
    {
        _server = TestCertificates.CreateServer(_ca);
    }

    [Fact]
    public void A_pem_chain_and_its_key_load_with_the_intermediates_sent_along()
    {
        var chain = TestCertificates.WriteCertificates(Path.Combine(_directory, "chain.pem"), _server, _ca);
        var key = TestCertificates.WriteKey(Path.Combine(_directory, "hub.key"), _server);

        using var loaded = HubCertificate.Load(new HubTlsOptions { Certificate = chain, Key = key }, _problems);

        Assert.Empty(_problems);
        Assert.NotNull(loaded);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(_server.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.Equal(_ca.Thumbprint, Assert.Single(loaded.Intermediates).Thumbprint);
    }

    [Fact]
    public void A_pem_file_holding_certificate_and_key_together_loads()
    {
        var both = TestCertificates.WriteCertificates(Path.Combine(_directory, "hub.pem"), _server);
        File.AppendAllText(both, File.ReadAllText(TestCertificates.WriteKey(Path.Combine(_directory, "hub.key"), _server)));

        using var loaded = HubCertificate.Load(new HubTlsOptions { Certificate = both }, _problems);

        Assert.Empty(_problems);
        Assert.True(loaded?.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused_saying_which_setting_gives_the_key()
    {
        var certificate = TestCertificates.WriteCertificates(Path.Combine(_directory, "hub.pem"), _server);

        Assert.Null(HubCertificate.Load(new HubTlsOptions { Certificate = certificate }, _problems));

        var problem = Assert.Single(_problems);
        Assert.Equal($"Hub:Tls:Certificate: {certificate} holds no private key; give the key file with Hub:Tls:Key (--tls-key)", problem);
    }

    [Fact]
    public void A_file_that_is_no_certificate_is_refused_naming_the_setting()
    {
        var garbage = Path.Combine(_directory, "hub.pfx");
        File.WriteAllBytes(garbage, [0x30, 0x82, 0x01, 0x02, 0x03, 0x04, 0x05]);

        Assert.Null(HubCertificate.Load(new HubTlsOptions { Certificate = garbage }, _problems));

        Assert.StartsWith($"Hub:Tls:Certificate: cannot load {garbage} as PKCS#12 (it is not PEM): ", Assert.Single(_problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        using var other = TestCertificates.CreateServer(_ca);
        var certificate = TestCertificates.WriteCertificates(Path.Combine(_directory, "hub.pem"), _server);
        var key = TestCertificates.WriteKey(Path.Combine(_directory, "other.key"), other);

        Assert.Null(HubCertificate.Load(new HubTlsOptions { Certificate = certificate, Key = key }, _problems));

        Assert.StartsWith($"Hub:Tls:Key: the key in {key} does not belong to the certificate in {certificate}", Assert.Single(_problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_key_needs_its_password_and_loads_with_it()
    {
        var certificate = TestCertificates.WriteCertificates(Path.Combine(_directory, "hub.pem"), _server);
        var key = TestCertificates.WriteKey(Path.Combine(_directory, "hub.key"), _server, Password);

        Assert.Null(HubCertificate.Load(new HubTlsOptions { Certificate = certificate, Key = key }, _problems));
        Assert.Equal($"Hub:Tls:Key: the key in {key} is encrypted; give its password in Hub:Tls:Password (env CYCLONE_Hub__Tls__Password)", Assert.Single(_problems));

        _problems.Clear();
        using var loaded = HubCertificate.Load(new HubTlsOptions { Certificate = certificate, Key = key, Password = Password }, _problems);
        Assert.Empty(_problems);
        Assert.True(loaded?.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_pkcs12_file_loads_with_its_password_and_a_wrong_one_is_refused_without_showing_it()
    {
        var pfx = Path.Combine(_directory, "hub.pfx");
        File.WriteAllBytes(pfx, _server.Export(X509ContentType.Pkcs12, Password));

        using var loaded = HubCertificate.Load(new HubTlsOptions { Certificate = pfx, Password = Password }, _problems);
        Assert.Empty(_problems);
        Assert.Equal(_server.Thumbprint, loaded?.Certificate.Thumbprint);
        Assert.True(loaded?.Certificate.HasPrivateKey);

        Assert.Null(HubCertificate.Load(new HubTlsOptions { Certificate = pfx, Password = "wrong-guess" }, _problems));
        var problem = Assert.Single(_problems);
        Assert.StartsWith($"Hub:Tls:Certificate: cannot load {pfx} as PKCS#12", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-guess", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_beside_a_pkcs12_certificate_is_refused()
    {
        var pfx = Path.Combine(_directory, "hub.pfx");
        File.WriteAllBytes(pfx, _server.Export(X509ContentType.Pkcs12, Password));
        var key = TestCertificates.WriteKey(Path.Combine(_directory, "hub.key"), _server);

        Assert.Null(HubCertificate.Load(new HubTlsOptions { Certificate = pfx, Key = key, Password = Password }, _problems));

        Assert.Equal($"Hub:Tls:Key is only for a PEM certificate; {pfx} is PKCS#12 and holds its own key", Assert.Single(_problems));
    }

    public void Dispose()
    {
        _server.Dispose();
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
