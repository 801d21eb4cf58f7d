namespace Cyclone.Hub.Security;

/// <summary>The caller tried to act on something another user owns; answered with 403 and nothing changed.</summary>
public sealed class NotOwnerException : Exception
{
    public NotOwnerException(string message)
        : base(message)
    {
    }

    public NotOwnerException()
    {
    }

    public NotOwnerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
