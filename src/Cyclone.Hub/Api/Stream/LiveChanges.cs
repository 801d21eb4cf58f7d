using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Api.Stream;

/// <summary>
/// What changed since the live feed last looked: the scheduler loop reports each durable batch of transitions here
/// (a short lock, O(transitions), nothing awaited), and the feed takes the sum every interval. Memory stays bounded:
/// past <see cref="MaxJobIds"/> changed jobs only "many jobs changed" is kept, and watchers reload what they show.
/// </summary>
public sealed class LiveChanges
{
    /// <summary>Changed job ids kept per interval; more mark the interval as overflowing.</summary>
    public const int MaxJobIds = 500;

    private readonly Lock _gate = new();
    private HashSet<long> _jobs = [];
    private bool _overflow;
    private long _transitions;
    private long _completed;
    private long _failed;

    /// <summary>Called by the scheduler loop once <paramref name="transitions"/> are durable.</summary>
    public void Report(IReadOnlyList<TaskTransition> transitions)
    {
        if (transitions.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _transitions += transitions.Count;
            foreach (var t in transitions)
            {
                if (t.State == TaskState.Completed)
                {
                    _completed++;
                }
                else if (t.State.IsFinal())
                {
                    _failed++;
                }

                if (!_overflow && _jobs.Add(t.JobId) && _jobs.Count > MaxJobIds)
                {
                    _overflow = true;
                    _jobs.Clear();
                }
            }
        }
    }

    /// <summary>Everything reported since the last call, and a fresh start.</summary>
    public LiveChangeSet Take()
    {
        lock (_gate)
        {
            var set = new LiveChangeSet(_overflow ? null : _jobs, _transitions, _completed, _failed);
            _jobs = [];
            _overflow = false;
            _transitions = _completed = _failed = 0;
            return set;
        }
    }
}
