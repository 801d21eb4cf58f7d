namespace Cyclone.Storage.Sqlite;

/// <summary>One caller's write, waiting in the writer's queue for the next group commit.</summary>
internal abstract class StoreWrite
{
    /// <summary>Runs the write inside the current transaction; may run again if the batch is retried alone.</summary>
    public abstract void Execute(WriteContext context);

    /// <summary>Tells the caller the write is durable.</summary>
    public abstract void Commit();

    /// <summary>Tells the caller the write did not happen.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A write that returns <typeparamref name="T"/> once committed.</summary>
internal sealed class StoreWrite<T> : StoreWrite
{
    private readonly Func<WriteContext, T> _work;
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public StoreWrite(Func<WriteContext, T> work) => _work = work;

    public Task<T> Completion => _done.Task;

    public override void Execute(WriteContext context) => _result = _work(context);

    public override void Commit() => _done.TrySetResult(_result!);

    public override void Fail(Exception error) => _done.TrySetException(error);
}
