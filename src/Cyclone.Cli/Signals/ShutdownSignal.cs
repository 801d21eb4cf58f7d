using System.Runtime.InteropServices;

namespace Cyclone.Cli.Signals;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a cancelled <see cref="Token"/> instead of an abrupt exit, so a
/// command can stop gracefully. A second signal after the first is not intercepted and ends the process.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    private ShutdownSignal(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled on the first SIGINT or SIGTERM, or when the outer token is.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The signal that arrived, if one did.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>Starts listening for SIGINT and SIGTERM; dispose to stop.</summary>
    public static ShutdownSignal Listen(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Received is not null)
        {
            return;
        }

        Received = context.Signal;
        context.Cancel = true;
        _cts.Cancel();
    }
}
