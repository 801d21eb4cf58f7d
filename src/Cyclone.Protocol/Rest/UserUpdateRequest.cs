namespace Cyclone.Protocol.Rest;

/// <summary>A change to a user: disable (its tokens stop working at once) or enable it, and optionally make it an administrator or not.</summary>
public sealed class UserUpdateRequest
{
    public bool? Disabled { get; set; }

    public bool? Admin { get; set; }
}
