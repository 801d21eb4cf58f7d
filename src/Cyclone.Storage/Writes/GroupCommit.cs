using System.Threading.Channels;

namespace Cyclone.Storage.Writes;

/// <summary>
/// The single writer of a store: callers queue writes, one loop takes everything queued (up to a batch size) into one
/// transaction and commits it at once (group commit). If a batch fails, each write is retried alone so that one bad
/// write fails only its caller. A caller hears back only after its transaction committed.
/// </summary>
internal sealed class GroupCommit<TContext>
{
    private readonly Channel<StoreWrite<TContext>> _writes =
        Channel.CreateUnbounded<StoreWrite<TContext>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch;
    private readonly Action<IReadOnlyList<StoreWrite<TContext>>> _commit;
    private readonly Func<Exception, Exception> _translate;
    private readonly Action<int, string> _batchFailed;
    private readonly Action<Exception> _writeFailed;
    private readonly Func<Exception, bool> _retryAlone;
    private Task _loop = Task.CompletedTask;

    /// <param name="maxBatch">The most writes in one transaction.</param>
    /// <param name="commit">Runs the writes in one transaction and commits it; throws when it did not commit.</param>
    /// <param name="translate">Turns a failure into what the caller is told.</param>
    /// <param name="batchFailed">Logs a failed batch (its size and error) before its writes are retried alone.</param>
    /// <param name="writeFailed">Logs a write that failed alone.</param>
    /// <param name="retryAlone">
    /// Whether a failed batch's writes are worth retrying one by one (default: always). Not after a lost connection:
    /// every write would wait for the connection in turn, and each would fail the same way.
    /// </param>
    public GroupCommit(
        int maxBatch, Action<IReadOnlyList<StoreWrite<TContext>>> commit, Func<Exception, Exception> translate,
        Action<int, string> batchFailed, Action<Exception> writeFailed, Func<Exception, bool>? retryAlone = null)
    {
        _retryAlone = retryAlone ?? (_ => true);
        _maxBatch = maxBatch;
        _commit = commit;
        _translate = translate;
        _batchFailed = batchFailed;
        _writeFailed = writeFailed;
    }

    public bool Started { get; private set; }

    public void Start()
    {
        Started = true;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>Takes no more writes and waits for the queued ones to finish.</summary>
    public Task StopAsync()
    {
        _writes.Writer.TryComplete();
        return _loop;
    }

    public Task<T> EnqueueAsync<T>(Func<TContext, T> work, string storeName, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!Started)
        {
            throw new InvalidOperationException("The store is not open: call InitializeAsync first.");
        }

        var write = new StoreWrite<TContext, T>(work);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(storeName, "The store is closed.");
        }

        // the caller may stop waiting, but a queued write still happens: it cannot be taken back safely
        return write.Completion.WaitAsync(ct);
    }

    private async Task LoopAsync()
    {
        var batch = new List<StoreWrite<TContext>>();
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                _commit(batch);
                foreach (var write in batch)
                {
                    write.Commit();
                }
            }
            catch (Exception ex) when (batch.Count > 1 && _retryAlone(ex))
            {
                _batchFailed(batch.Count, ex.Message);
                foreach (var write in batch)
                {
                    CommitAlone(write);
                }
            }
            catch (Exception ex)
            {
                _writeFailed(ex);
                var error = _translate(ex);
                foreach (var write in batch)
                {
                    write.Fail(error);
                }
            }
        }
    }

    private void CommitAlone(StoreWrite<TContext> write)
    {
        try
        {
            _commit([write]);
            write.Commit();
        }
        catch (Exception ex)
        {
            _writeFailed(ex);
            write.Fail(_translate(ex));
        }
    }
}
