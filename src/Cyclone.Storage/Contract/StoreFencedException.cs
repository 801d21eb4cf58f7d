namespace Cyclone.Storage.Contract;

/// <summary>
/// The store refuses writes from this hub because it is not the active hub (another hub took over, or this one lost its
/// hold on the leader lock). The write did not happen and is not acknowledged; the active hub carries on.
/// </summary>
public sealed class StoreFencedException : IOException
{
    public StoreFencedException()
    {
    }

    public StoreFencedException(string message)
        : base(message)
    {
    }

    public StoreFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
