namespace Cyclone.Agent.Executors;

/// <summary>
/// What an attempt's <c>Completion</c> is before the attempt begins: one faulted task shared by all. A new faulted task per
/// attempt would never be observed once the attempt begins, and the finalizer would have to report each one as unobserved.
/// </summary>
internal static class AttemptNotBegun
{
    public static readonly Task<AttemptResult> Completion = Observed(Task.FromException<AttemptResult>(new InvalidOperationException("the attempt has not begun")));

    private static Task<AttemptResult> Observed(Task<AttemptResult> task)
    {
        _ = task.Exception; // observed once, so it is never reported as unobserved
        return task;
    }
}
