using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Takes everything queued (up to <see cref="StoreOptions.MaxBatch"/>) into one transaction and commits
    /// it with one fsync. If the batch fails, each write is retried alone so one bad write fails only its caller.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<StoreWrite>();
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                Commit(batch);
                foreach (var write in batch)
                {
                    write.Commit();
                }
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                LogBatchFailed(batch.Count, ex.Message);
                foreach (var write in batch)
                {
                    CommitAlone(write);
                }
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex);
                foreach (var write in batch)
                {
                    write.Fail(ex);
                }
            }
        }
    }

    private void CommitAlone(StoreWrite write)
    {
        try
        {
            Commit([write]);
            write.Commit();
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex);
            write.Fail(ex);
        }
    }

    private void Commit(IReadOnlyList<StoreWrite> batch)
    {
        using var tx = _writer!.BeginTransaction();
        using (var context = new WriteContext(_writer, tx, _options))
        {
            foreach (var write in batch)
            {
                write.Execute(context);
            }
        }

        tx.Commit();
    }
}
