using System.Collections.Concurrent;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>How many faults of each kind were injected, and what the workload saw of them.</summary>
internal sealed class FaultCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string fault) => _counts.AddOrUpdate(fault, 1, (_, n) => n + 1);

    public int this[string fault] => _counts.GetValueOrDefault(fault);

    public IReadOnlyList<(string Fault, int Count)> All() => _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();
}
