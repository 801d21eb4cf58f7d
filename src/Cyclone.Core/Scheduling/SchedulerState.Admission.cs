namespace Cyclone.Core.Scheduling;

public sealed partial class SchedulerState
{
    /// <summary>Per throttled job: how many of its tasks are in the ready queue or running.</summary>
    private readonly Dictionary<long, int> _admitted = [];

    /// <summary>Per throttled job: pending tasks held back by its limit, in submission order.</summary>
    private readonly Dictionary<long, SortedSet<long>> _held = [];

    /// <summary>Puts a pending task in the ready queue, or holds it back when its job is at its limit.</summary>
    private void Enqueue(SchedulerTask task)
    {
        if (task.MaxActiveInJob is not { } limit)
        {
            _ready.Add(task);
            return;
        }

        var admitted = _admitted.GetValueOrDefault(task.JobId);
        if (admitted < limit)
        {
            _admitted[task.JobId] = admitted + 1;
            task.Held = false;
            _ready.Add(task);
            return;
        }

        if (!_held.TryGetValue(task.JobId, out var held))
        {
            _held[task.JobId] = held = [];
        }

        task.Held = true;
        held.Add(task.Id);
    }

    /// <summary>Counts a task restored as running against its job's limit.</summary>
    private void AdmitRunning(SchedulerTask task)
    {
        if (task.MaxActiveInJob is not null)
        {
            _admitted[task.JobId] = _admitted.GetValueOrDefault(task.JobId) + 1;
        }
    }

    /// <summary>A task leaves the pending/running set for good: its place goes to the next held task of its job.</summary>
    private void Leave(SchedulerTask task)
    {
        if (task.MaxActiveInJob is not { } limit)
        {
            return;
        }

        if (task.Held)
        {
            if (_held.TryGetValue(task.JobId, out var set))
            {
                set.Remove(task.Id);
            }

            task.Held = false;
            return;
        }

        var admitted = Math.Max(0, _admitted.GetValueOrDefault(task.JobId) - 1);
        if (_held.TryGetValue(task.JobId, out var held))
        {
            while (admitted < limit && held.Count > 0)
            {
                var next = held.Min;
                held.Remove(next);
                if (_tasks.TryGetValue(next, out var promoted))
                {
                    promoted.Held = false;
                    _ready.Add(promoted);
                    admitted++;
                }
            }

            if (held.Count == 0)
            {
                _held.Remove(task.JobId);
            }
        }

        if (admitted == 0)
        {
            _admitted.Remove(task.JobId);
        }
        else
        {
            _admitted[task.JobId] = admitted;
        }
    }
}
