using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class TlsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_job_runs_end_to_end_over_tls_with_a_private_ca()
    {
        await using var cluster = TlsCluster();

        var hub = await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 1); // registers over HTTPS, then holds its gRPC stream over TLS
        var run = await cluster.CliAsync("run", "--wait", "--", "true");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("https://", cluster.HubUrl, StringComparison.Ordinal);
        Assert.Contains("Hub serves TLS on both ports with the certificate CN=127.0.0.1", hub.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_that_do_not_trust_the_ca_are_refused_with_a_tls_message()
    {
        await using var cluster = TlsCluster();
        await cluster.StartHubAsync();

        using var cli = CycloneProcess.Start(
            "info without CA", ["info", "--hub", cluster.HubUrl], new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = cluster.ConfigDirectory, ["CYCLONE_TOKEN"] = cluster.AdminToken });
        Assert.True(await cli.WaitForExitAsync(CommandDeadline), cli.Log);
        using var agent = CycloneProcess.Start(
            "agent without CA", ["agent", "--hub", cluster.HubUrl, "--name", "stranger"], new Dictionary<string, string>(TestCluster.AgentEnvironment) { ["CYCLONE_TOKEN"] = cluster.AgentToken });

        Assert.True(cli.ExitCode == 1, cli.Log);
        Assert.Contains("TLS handshake failed", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("certificate", cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Stderr, StringComparison.Ordinal); // a message, not a stack trace
        await Eventually.UntilAsync(() => Task.FromResult(agent.Log.Contains("TLS handshake failed", StringComparison.Ordinal)), CommandDeadline, "the agent says the TLS handshake failed");
        Assert.DoesNotContain(await cluster.Client.ListAgentsAsync(CancellationToken.None), a => a.Name == "stranger");
    }

    [Fact]
    public async Task Cleartext_requests_to_the_tls_ports_fail()
    {
        await using var cluster = TlsCluster();
        await cluster.StartHubAsync();
        using var plain = new HttpClient { Timeout = CommandDeadline };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri($"http://127.0.0.1:{cluster.Port}/healthz")));
        using var h2c = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{cluster.GrpcPort}/cyclone.agent.AgentStream/Connect"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.SendAsync(h2c));
    }

    [Fact]
    public async Task The_hub_serves_kestrels_default_certificate_when_configured_that_way()
    {
        await using var cluster = new TestCluster(output);
        var (certificate, key, ca) = WritePrivateCa(cluster.DataDirectory);
        cluster.UseTls(certificate, key, ca);
        cluster.HubArguments.Clear(); // the certificate comes from Kestrel's settings instead
        cluster.HubEnvironment["CYCLONE_Kestrel__Certificates__Default__Path"] = certificate;
        cluster.HubEnvironment["CYCLONE_Kestrel__Certificates__Default__KeyPath"] = key;

        var hub = await cluster.StartHubAsync(); // answers /healthz over https, trusting the CA only

        Assert.Contains("Hub serves TLS", hub.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_whose_certificate_has_no_key_refuses_to_start_naming_the_setting()
    {
        await using var cluster = new TestCluster(output);
        var (certificate, _, _) = WritePrivateCa(cluster.DataDirectory);

        using var hub = CycloneProcess.Start("hub", ["hub", "--port", $"{cluster.Port}", "--grpc-port", $"{cluster.GrpcPort}", "--data", cluster.DataDirectory, "--tls-cert", certificate]);

        Assert.True(await hub.WaitForExitAsync(CommandDeadline), hub.Log);
        Assert.True(hub.ExitCode == 2, hub.Log);
        Assert.Contains($"Hub:Tls:Certificate: {certificate} holds no private key; give the key file with Hub:Tls:Key (--tls-key)", hub.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cyclone_up_with_a_self_signed_certificate_runs_jobs_and_leaves_the_cli_trusting_it()
    {
        await using var cluster = new TestCluster(output);
        using var server = TestCertificates.CreateServer(null);
        var certificate = TestCertificates.WriteCertificates(Path.Combine(cluster.DataDirectory, "self-signed.pem"), server);
        var key = TestCertificates.WriteKey(Path.Combine(cluster.DataDirectory, "self-signed.key"), server);
        var config = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = cluster.ConfigDirectory };

        using var up = CycloneProcess.Start("up", [
            "up", "--port", $"{cluster.Port}", "--grpc-port", $"{cluster.GrpcPort}", "--data", cluster.DataDirectory,
            "--slots", "1", "--tls-cert", certificate, "--tls-key", key], config);
        await Eventually.UntilAsync(() =>
        {
            Assert.False(up.HasExited, up.Log);
            return Task.FromResult(up.Stdout.Contains("Cyclone is up", StringComparison.Ordinal));
        }, TestCluster.StartDeadline, "cyclone up is up");

        // no token and no CA given: what `up` stored for the CLI must be enough
        using var run = CycloneProcess.Start("run", ["run", "--hub", $"https://127.0.0.1:{cluster.Port}", "--wait", "--", "true"], config);
        Assert.True(await run.WaitForExitAsync(CommandDeadline), run.Log);
        Assert.True(run.ExitCode == 0, $"{run.Log}\n===== up\n{up.Log}");
    }

    /// <summary>A cluster whose hub will serve a certificate of a private CA that its clients trust.</summary>
    private TestCluster TlsCluster()
    {
        var cluster = new TestCluster(output);
        var (certificate, key, ca) = WritePrivateCa(cluster.DataDirectory);
        cluster.UseTls(certificate, key, ca);
        return cluster;
    }

    /// <summary>A private CA and a server certificate it signed for 127.0.0.1, as PEM files in <paramref name="directory"/>.</summary>
    private static (string Certificate, string Key, string Ca) WritePrivateCa(string directory)
    {
        using var ca = TestCertificates.CreateCa();
        using var server = TestCertificates.CreateServer(ca);
        return (
            TestCertificates.WriteCertificates(Path.Combine(directory, "hub.pem"), server),
            TestCertificates.WriteKey(Path.Combine(directory, "hub.key"), server),
            TestCertificates.WriteCertificates(Path.Combine(directory, "ca.pem"), ca));
    }
}
