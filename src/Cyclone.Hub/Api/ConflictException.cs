namespace Cyclone.Hub.Api;

/// <summary>The request clashes with what exists (a name taken); answered with 409 and nothing changed.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException()
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
