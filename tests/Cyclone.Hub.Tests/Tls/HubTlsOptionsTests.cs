using Cyclone.Hub.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Hub.Tests.Tls;

public sealed class HubTlsOptionsTests
{
    [Fact]
    public void Tls_is_off_by_default()
    {
        var options = new HubOptions();

        Assert.False(options.Tls.Enabled);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void The_tls_settings_bind_from_the_hub_section()
    {
        var options = Configuration(("Hub:Tls:Certificate", "/etc/cyclone/hub.pem"), ("Hub:Tls:Key", "/etc/cyclone/hub.key"))
            .GetSection(HubOptions.Section).Get<HubOptions>()!;

        Assert.True(options.Tls.Enabled);
        Assert.Equal("/etc/cyclone/hub.pem", options.Tls.Certificate);
        Assert.Equal("/etc/cyclone/hub.key", options.Tls.Key);
    }

    [Fact]
    public void A_missing_certificate_file_is_a_problem_naming_the_setting_and_the_path()
    {
        var options = new HubOptions { Tls = new HubTlsOptions { Certificate = "/nonexistent/hub.pem" } };

        var problem = Assert.Single(options.Problems());

        Assert.Equal("Hub:Tls:Certificate: no certificate file at /nonexistent/hub.pem", problem);
    }

    [Fact]
    public void A_missing_key_file_is_a_problem_naming_the_setting_and_the_path()
    {
        var certificate = Path.GetTempFileName();
        try
        {
            var options = new HubOptions { Tls = new HubTlsOptions { Certificate = certificate, Key = "/nonexistent/hub.key" } };

            var problem = Assert.Single(options.Problems());

            Assert.Equal("Hub:Tls:Key: no key file at /nonexistent/hub.key", problem);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public void A_key_without_a_certificate_is_a_problem()
    {
        var options = new HubOptions { Tls = new HubTlsOptions { Key = "/etc/cyclone/hub.key" } };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("Hub:Tls:Key is set but Hub:Tls:Certificate is not", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrels_default_certificate_is_used_when_the_hub_names_none_and_messages_name_its_settings()
    {
        var configuration = Configuration(
            ("Kestrel:Certificates:Default:Path", "/nonexistent/kestrel.pem"), ("Kestrel:Certificates:Default:KeyPath", "/nonexistent/kestrel.key"));

        var tls = new HubTlsOptions().OrKestrelDefault(configuration);

        Assert.True(tls.Enabled);
        Assert.Equal("/nonexistent/kestrel.key", tls.Key);
        Assert.Equal(
            ["Kestrel:Certificates:Default:Path: no certificate file at /nonexistent/kestrel.pem", "Kestrel:Certificates:Default:KeyPath: no key file at /nonexistent/kestrel.key"],
            tls.Problems());
    }

    [Fact]
    public void The_hubs_own_certificate_wins_over_kestrels_default()
    {
        var configuration = Configuration(("Kestrel:Certificates:Default:Path", "/nonexistent/kestrel.pem"));
        var own = new HubTlsOptions { Certificate = "/etc/cyclone/hub.pem" };

        Assert.Same(own, own.OrKestrelDefault(configuration));
        Assert.False(new HubTlsOptions().OrKestrelDefault(Configuration()).Enabled);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
