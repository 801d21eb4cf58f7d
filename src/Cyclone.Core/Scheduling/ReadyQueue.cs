namespace Cyclone.Core.Scheduling;

/// <summary>
/// Tasks ready to run, ordered by priority (higher first), then age (older first).
/// Owned by the scheduler loop; not thread-safe.
/// </summary>
public sealed class ReadyQueue
{
    private readonly SortedSet<Key> _keys = new();

    public int Count => _keys.Count;

    /// <summary>How many times a task joined the queue: a change means that something may have become ready.</summary>
    public long Added { get; private set; }

    public void Add(SchedulerTask task)
    {
        if (_keys.Add(Key.Of(task)))
        {
            Added++;
        }
    }

    public bool Remove(SchedulerTask task) => _keys.Remove(Key.Of(task));

    /// <summary>Task ids in dispatch order.</summary>
    public IEnumerable<long> InOrder() => _keys.Select(k => k.TaskId);

    private readonly record struct Key(int NegPriority, long Sequence, long TaskId) : IComparable<Key>
    {
        public static Key Of(SchedulerTask t) => new(-t.Priority, t.Sequence, t.Id);

        public int CompareTo(Key other)
        {
            var c = NegPriority.CompareTo(other.NegPriority);
            if (c != 0)
            {
                return c;
            }

            c = Sequence.CompareTo(other.Sequence);
            return c != 0 ? c : TaskId.CompareTo(other.TaskId);
        }
    }
}
