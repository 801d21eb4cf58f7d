using Cyclone.Tests.Shared;

namespace Cyclone.Hub.Tests.Sinks;

/// <summary>One throwaway MariaDB server for the tests of a class, removed at the end.</summary>
public sealed class MariaDbFixture : IAsyncLifetime
{
    private MariaDbServer? _server;

    internal MariaDbServer Server => _server ?? throw new InvalidOperationException(MariaDbServer.Missing ?? "MariaDB did not start");

    public async Task InitializeAsync()
    {
        if (MariaDbServer.Missing is not null && !ServiceProcess.Required)
        {
            return; // the tests are skipped, saying why
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _server = await MariaDbServer.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
