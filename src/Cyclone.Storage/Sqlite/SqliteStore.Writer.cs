using Cyclone.Storage.Contract;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Writes;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
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

    private void Commit(IReadOnlyList<StoreWrite<WriteContext>> batch)
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
