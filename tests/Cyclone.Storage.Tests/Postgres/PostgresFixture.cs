using Cyclone.Tests.Shared;

namespace Cyclone.Storage.Tests.Postgres;

/// <summary>One throwaway PostgreSQL server for every test class of the <see cref="PostgresCollection"/>, removed at the end.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running server (tests that run have one: without PostgreSQL they are skipped or, when required, fail at start).</summary>
    internal PostgresServer Server => _server ?? throw new InvalidOperationException(PostgresServer.Missing ?? "PostgreSQL did not start");

    public async Task InitializeAsync()
    {
        if (PostgresServer.Missing is { } missing && !PostgresServer.Required)
        {
            await Console.Error.WriteLineAsync($"PostgreSQL tests are SKIPPED: {missing}");
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _server = await PostgresServer.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
