using Cyclone.Core.Tasks;
using Cyclone.Core.Scheduling;

namespace Cyclone.Storage.Writes;

/// <summary>What one write changes of a job: task counts by state, its first start and its last end.</summary>
internal sealed class JobChange
{
    public Dictionary<TaskState, int> Deltas { get; } = [];

    public DateTimeOffset? FirstStart { get; private set; }

    public DateTimeOffset? LastEnd { get; private set; }

    public void Record(TaskState? old, TaskTransition t)
    {
        if (old != t.State)
        {
            if (old is { } o)
            {
                Deltas[o] = Deltas.GetValueOrDefault(o) - 1;
            }

            Deltas[t.State] = Deltas.GetValueOrDefault(t.State) + 1;
        }

        if (t.State == TaskState.Running && (FirstStart is null || t.At < FirstStart))
        {
            FirstStart = t.At;
        }

        if (t.State.IsFinal() && (LastEnd is null || t.At > LastEnd))
        {
            LastEnd = t.At;
        }
    }
}
