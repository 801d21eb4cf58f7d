using Microsoft.Extensions.Hosting;

namespace Cyclone.Hub.Hosting;

/// <summary>
/// A host lifetime that leaves signals to the caller: the process's Ctrl-C/SIGTERM handling belongs to the
/// `cyclone` command, which stops the parts it runs in its own order (the agent before the hub in `cyclone up`)
/// through the cancellation token it passes in.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
