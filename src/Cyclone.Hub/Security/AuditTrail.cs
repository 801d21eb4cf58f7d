using System.Threading.Channels;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Security;

/// <summary>
/// Records who did what: requests queue their entries here and a background stage writes them to the store in batches,
/// so that auditing never holds up a request. Entries still queued when the hub stops are written before it ends.
/// </summary>
public sealed partial class AuditTrail : BackgroundService
{
    private const int BatchSize = 500;

    private readonly Channel<AuditRecord> _entries = Channel.CreateBounded<AuditRecord>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly IAccessStore _store;
    private readonly ILogger<AuditTrail> _logger;
    private long _dropped;

    public AuditTrail(IAccessStore store, ILogger<AuditTrail> logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>Queues an entry; when the queue is full (the store cannot keep up) it is dropped and counted.</summary>
    public void Record(AuditRecord entry)
    {
        if (!_entries.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _entries.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditRecord>(BatchSize);
        while (await _entries.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < BatchSize && _entries.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await _store.AppendAuditAsync(batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(batch.Count, ex.Message);
            }

            batch.Clear();
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                LogDropped(dropped);
            }
        }
    }

    [LoggerMessage(70, LogLevel.Error, "Could not write {Count} audit entries: {Error}")]
    private partial void LogWriteFailed(int count, string error);

    [LoggerMessage(71, LogLevel.Warning, "{Count} audit entries were dropped: the store could not keep up")]
    private partial void LogDropped(long count);
}
