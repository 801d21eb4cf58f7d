using Cyclone.Tests.Shared;
using System.Net;
using System.Net.Sockets;
using Cyclone.Hub.Tests.Security;

namespace Cyclone.Hub.Tests.Dwork;

/// <summary>A real hub in this process (real SQLite file) with the dwork endpoint on a free port.</summary>
internal sealed class DworkHub : IAsyncDisposable
{
    private DworkHub(InProcessHub hub, int port)
    {
        Hub = hub;
        Port = port;
    }

    public InProcessHub Hub { get; }

    public int Port { get; }

    /// <summary>Starts a hub whose Steals hold tasks for <paramref name="lease"/> (5 minutes when null).</summary>
    public static async Task<DworkHub> StartAsync(string? lease = null, string? dataDirectory = null)
    {
        var port = FreePort();
        var settings = new Dictionary<string, string?> { ["Hub:Dwork:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (lease is not null)
        {
            settings["Hub:Dwork:Lease"] = lease;
            settings["Hub:TickInterval"] = "00:00:00.200";
        }

        var hub = await InProcessHub.StartAsync(dataDirectory, settings);
        return new DworkHub(hub, port);
    }

    public DworkClient Client(string location = "") => new(Port, location);

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
