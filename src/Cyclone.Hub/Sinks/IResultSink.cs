namespace Cyclone.Hub.Sinks;

/// <summary>
/// A destination of result sets. <see cref="DeliverAsync"/> writes a batch whole or throws; a batch may be delivered
/// again after a failure whose outcome is unknown (a lost commit), so a sink must take a repeat without duplicating:
/// (task id, attempt, item index) names each item once.
/// </summary>
public interface IResultSink : IAsyncDisposable
{
    /// <summary>Writes every item of <paramref name="sets"/>; returns only once they are durable at the destination.</summary>
    Task DeliverAsync(IReadOnlyList<SinkSet> sets, CancellationToken ct);
}
