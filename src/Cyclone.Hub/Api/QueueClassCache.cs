using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Rest;

namespace Cyclone.Hub.Api;

/// <summary>
/// The queue by resource class, counted on the scheduler loop at most once per <see cref="MaxAge"/> whatever the number
/// of callers: the count is one pass over the active tasks (a million of them is tens of milliseconds of the loop).
/// </summary>
public sealed class QueueClassCache(SchedulerLoop loop, TimeProvider time) : IDisposable
{
    /// <summary>How long one count is answered before the loop counts again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _counting = new(1, 1);
    private (DateTimeOffset At, List<QueueClassDto> Classes)? _last;

    public async Task<List<QueueClassDto>> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _counting.WaitAsync(ct);
        try
        {
            if (Fresh() is { } counted)
            {
                return counted; // another caller counted while this one waited
            }

            var classes = await loop.ReadStateAsync(QueueClassEndpoint.Group, ct);
            _last = (time.GetUtcNow(), classes);
            return classes;
        }
        finally
        {
            _counting.Release();
        }
    }

    public void Dispose() => _counting.Dispose();

    private List<QueueClassDto>? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < MaxAge ? last.Classes : null;
}
