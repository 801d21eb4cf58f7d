namespace Cyclone.Storage.Writes;

/// <summary>One caller's write, waiting in the writer's queue for the next group commit in a <typeparamref name="TContext"/>.</summary>
internal abstract class StoreWrite<TContext>
{
    /// <summary>Runs the write inside the current transaction; may run again if the batch is retried alone.</summary>
    public abstract void Execute(TContext context);

    /// <summary>Tells the caller the write is durable.</summary>
    public abstract void Commit();

    /// <summary>Tells the caller the write did not happen.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A write that returns <typeparamref name="T"/> once committed.</summary>
internal sealed class StoreWrite<TContext, T> : StoreWrite<TContext>
{
    private readonly Func<TContext, T> _work;
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public StoreWrite(Func<TContext, T> work) => _work = work;

    public Task<T> Completion => _done.Task;

    public override void Execute(TContext context) => _result = _work(context);

    public override void Commit() => _done.TrySetResult(_result!);

    public override void Fail(Exception error) => _done.TrySetException(error);
}
