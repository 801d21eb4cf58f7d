using System.Collections.Concurrent;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Api;

/// <summary>
/// How many jobs match a listing's filter, remembered for <see cref="Lifetime"/> when counting them was slow (over
/// <see cref="SlowCount"/>): a dashboard that reloads a page every second, and many people looking at the same list,
/// then cost one count per filter per interval instead of one per request (a count reads an index, or with a name
/// search the jobs table: 50-400 ms at a million jobs). The total shown may then lag the page by up to that long;
/// totals that are cheap to count are always exact.
/// </summary>
public sealed class JobTotals(TimeProvider time)
{
    /// <summary>How long a total is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    /// <summary>A listing that took longer than this has its total remembered.</summary>
    public static readonly TimeSpan SlowCount = TimeSpan.FromMilliseconds(20);

    /// <summary>Filters remembered at most; past that the memory starts over.</summary>
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, (long Total, DateTimeOffset At)> _totals = new(StringComparer.Ordinal);

    /// <summary>The remembered total for the filter of <paramref name="query"/>, if still fresh.</summary>
    public long? Get(JobQuery query) =>
        _totals.TryGetValue(Key(query), out var entry) && time.GetUtcNow() - entry.At < Lifetime ? entry.Total : null;

    /// <summary>Remembers the total of <paramref name="query"/> when counting it took longer than <see cref="SlowCount"/>.</summary>
    public void Counted(JobQuery query, long total, TimeSpan took)
    {
        if (took <= SlowCount)
        {
            return;
        }

        if (_totals.Count >= MaxEntries)
        {
            _totals.Clear();
        }

        _totals[Key(query)] = (total, time.GetUtcNow());
    }

    private static string Key(JobQuery q) =>
        string.Join('\u001f', string.Join(',', q.States.Select(s => (int)s)), q.User, q.Workflow, q.Search?.Trim());
}
