using Cyclone.Hub.Sinks;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Hub.Tests.Sinks;

/// <summary>A <see cref="SinkPump"/> running in the background over a store, stopped on dispose.</summary>
internal sealed class SinkRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public SinkRun(string name, SinkOptions options, IResultSink sink, IStore store)
    {
        Signal = new ResultsSignal();
        Pump = new SinkPump(name, options, sink, store, Signal, TimeProvider.System, NullLogger<SinkPump>.Instance);
        _run = Task.Run(() => Pump.RunAsync(_stop.Token));
    }

    public SinkPump Pump { get; }

    public ResultsSignal Signal { get; }

    /// <summary>Stops the pump as a crash of the hub would: whatever it holds and has not written is dropped (the store keeps it).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
