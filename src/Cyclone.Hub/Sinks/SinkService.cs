using Cyclone.Hub.Hosting;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.Sinks;

/// <summary>Runs a <see cref="SinkPump"/> for every sink of <c>Hub:Sinks</c> until the hub stops.</summary>
public sealed partial class SinkService(
    IOptions<HubOptions> options, IStore store, ResultsSignal signal, TimeProvider time, ILoggerFactory loggers, Metrics.HubInstruments instruments)
    : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<SinkService>();
    private readonly List<SinkPump> _pumps = [];

    /// <summary>The running pumps (for metrics).</summary>
    public IReadOnlyList<SinkPump> Pumps => [.. _pumps];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var sinks = new List<IResultSink>();
        var runs = new List<Task>();
        try
        {
            foreach (var (name, sink) in options.Value.Sinks)
            {
                IResultSink destination = sink.Kind == SinkKind.MySql ? new MySqlResultSink(sink) : new PushgatewayResultSink(sink, http);
                sinks.Add(destination);
                var pump = new SinkPump(name, sink, destination, store, signal, time, loggers.CreateLogger<SinkPump>(), instruments);
                _pumps.Add(pump);
                LogSinkStarted(name, sink.Kind!.Value, sink.Kind == SinkKind.MySql ? $"table {sink.Table}" : sink.Url!);
                runs.Add(pump.RunAsync(stoppingToken));
            }

            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var sink in sinks)
            {
                await sink.DisposeAsync();
            }
        }
    }
}
