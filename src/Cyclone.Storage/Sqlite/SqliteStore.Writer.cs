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
                var error = Translate(ex);
                foreach (var write in batch)
                {
                    write.Fail(error);
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
            write.Fail(Translate(ex));
        }
    }

    /// <summary>A full disk (SQLITE_FULL, or ENOSPC under SQLITE_IOERR) becomes a <see cref="StoreFullException"/> that says so.</summary>
    private Exception Translate(Exception error)
    {
        const int full = 13;
        const int ioError = 10;
        if (error is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: full or ioError } sqlite
            && (sqlite.SqliteErrorCode == full || sqlite.Message.Contains("disk", StringComparison.OrdinalIgnoreCase) || IsDiskFull()))
        {
            return new StoreFullException($"the disk of the store {_path} is full; nothing was written — free space and try again", error);
        }

        return error;
    }

    private bool IsDiskFull()
    {
        try
        {
            return new DriveInfo(Path.GetDirectoryName(_path)!).AvailableFreeSpace < 64 * 1024;
        }
        catch (IOException)
        {
            return false;
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
