namespace Cyclone.Storage.Contract;

/// <summary>
/// The store's disk is full: the write did not happen (its transaction was rolled back). Writes succeed again
/// once space is freed; nothing already acknowledged is lost.
/// </summary>
public sealed class StoreFullException : IOException
{
    public StoreFullException()
    {
    }

    public StoreFullException(string message)
        : base(message)
    {
    }

    public StoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
