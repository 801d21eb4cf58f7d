using Cyclone.Tests.Shared;

namespace Cyclone.Hub.Tests.Sinks;

/// <summary>One throwaway Pushgateway for the tests of a class, stopped at the end.</summary>
public sealed class PushgatewayFixture : IAsyncLifetime
{
    private PushgatewayServer? _server;

    internal PushgatewayServer Server => _server ?? throw new InvalidOperationException(PushgatewayServer.Missing ?? "the Pushgateway did not start");

    public async Task InitializeAsync()
    {
        if (PushgatewayServer.Missing is not null && !ServiceProcess.Required)
        {
            return; // the tests are skipped, saying why
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _server = await PushgatewayServer.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
