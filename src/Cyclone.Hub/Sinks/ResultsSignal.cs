namespace Cyclone.Hub.Sinks;

/// <summary>Wakes the sinks when the scheduler has stored new result sets (they also look on their own now and then).</summary>
public sealed class ResultsSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Says that new results are stored.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;
}
