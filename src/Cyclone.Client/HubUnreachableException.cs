namespace Cyclone.Client;

/// <summary>The hub could not be reached at all (refused, unknown host, timed out); nothing was sent or answered.</summary>
public sealed class HubUnreachableException : Exception
{
    public HubUnreachableException()
    {
    }

    public HubUnreachableException(string message)
        : base(message)
    {
    }

    public HubUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HubUnreachableException(Uri hub, string reason, Exception? innerException)
        : base(
            reason.StartsWith("TLS", StringComparison.Ordinal)
                ? $"cannot talk to the hub at {hub.GetLeftPart(UriPartial.Authority)}: {reason}"
                : $"cannot reach the hub at {hub.GetLeftPart(UriPartial.Authority)} ({reason}); is it running? start one with `cyclone up` or `cyclone hub`",
            innerException)
    {
        Hub = hub;
        Reason = reason;
    }

    /// <summary>The hub's base address that was tried.</summary>
    public Uri? Hub { get; }

    /// <summary>Why it could not be reached, for example "connection refused".</summary>
    public string? Reason { get; }
}
