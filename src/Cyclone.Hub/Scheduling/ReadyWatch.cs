namespace Cyclone.Hub.Scheduling;

/// <summary>
/// Wakes pull workers waiting for work (<c>POST /tasks/lease</c> with <c>waitSeconds</c>). The scheduler loop signals
/// after a pass in which a task joined the ready queue, once that pass is durable. A waiter takes
/// <see cref="NextChange"/> before it asks for tasks, so no change between its ask and its wait is missed.
/// </summary>
public sealed class ReadyWatch
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the next time tasks become ready.</summary>
    public Task NextChange() => Volatile.Read(ref _next).Task;

    /// <summary>Called by the loop: wakes everyone waiting now.</summary>
    internal void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
