namespace Cyclone.EndToEnd.Tests.Cluster;

internal sealed partial class TestCluster
{
    /// <summary>
    /// Starts another hub process on the same store (give the first hub <c>--store</c> through <see cref="HubArguments"/>), with
    /// its own ports and data directory, and waits until its <c>/healthz</c> answers (as a standby that knows the active hub, while the first is active).
    /// </summary>
    public async Task<(CycloneProcess Process, string Url)> StartStandbyHubAsync(string name)
    {
        var port = FreePort();
        var data = Path.Combine(DataDirectory, name);
        Directory.CreateDirectory(data);
        var url = $"http://127.0.0.1:{port}";
        var process = Track(CycloneProcess.Start(name, ["hub", "--port", $"{port}", "--grpc-port", $"{FreePort()}", "--data", data, .. HubArguments], HubEnvironment));
        using var anonymous = new Client.CycloneClient(new Uri(url), new Client.HubCredentials(null, CaFile));
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"hub {name} exited early:\n{process.Log}");
            var health = await anonymous.HealthAsync(CancellationToken.None);
            return health.Status == "ok" || health.Active is not null;
        }, StartDeadline, $"hub {name} answers /healthz and knows the active hub");
        return (process, url);
    }
}
